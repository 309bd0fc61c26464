package io.parley.model.negotiation;

import io.parley.model.access.Caller;

public record SignDeal(String negotiationId, String party, Caller caller, Long expectedVersion) implements PartyCommand {
}
