package io.parley.model.negotiation;

public record MoveWithdrawn(String negotiationId, String moveId, String party, String proposalId,
                     String rationale) implements NegotiationEvent {
}
