package io.parley.model.negotiation;

public record AcceptMove(String negotiationId, String moveId, String party, String proposalId, String rationale,
                         Long expectedVersion) implements NegotiationCommand {
}
