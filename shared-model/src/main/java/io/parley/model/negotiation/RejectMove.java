package io.parley.model.negotiation;

public record RejectMove(String negotiationId, String moveId, String party, String proposalId, String rationale,
                         Long expectedVersion) implements NegotiationCommand {
}
