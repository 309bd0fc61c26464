package io.parley.model.negotiation;

public record NegotiationCollapsed(String negotiationId, String reason) implements NegotiationEvent {
}
