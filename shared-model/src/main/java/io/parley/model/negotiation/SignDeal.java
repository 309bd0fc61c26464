package io.parley.model.negotiation;

public record SignDeal(String negotiationId, String party, Long expectedVersion) implements NegotiationCommand {
}
