package io.parley.model.negotiation;

public record DealSigned(String negotiationId, String party) implements NegotiationEvent {
}
