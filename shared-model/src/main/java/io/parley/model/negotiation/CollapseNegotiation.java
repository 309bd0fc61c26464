package io.parley.model.negotiation;

import io.parley.model.access.Caller;

public record CollapseNegotiation(String negotiationId, String reason, Caller caller, Long expectedVersion)
        implements NegotiationCommand {
}
