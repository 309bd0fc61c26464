package io.parley.model.negotiation;

import io.parley.model.access.Caller;

public record RejectMove(String negotiationId, String moveId, String party, String proposalId, String rationale,
                         Caller caller, Long expectedVersion) implements PartyCommand {
}
