package io.parley.model.negotiation;

import com.fasterxml.jackson.databind.JsonNode;

public record CounterMove(String negotiationId, String moveId, String party, String proposalId, JsonNode value,
                          String rationale, Long expectedVersion) implements NegotiationCommand {
}
