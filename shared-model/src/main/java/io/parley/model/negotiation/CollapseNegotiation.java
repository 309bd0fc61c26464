package io.parley.model.negotiation;

public record CollapseNegotiation(String negotiationId, String reason, Long expectedVersion) implements NegotiationCommand {
}
