package io.parley.model.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.access.Caller;

public record CounterMove(String negotiationId, String moveId, String party, String proposalId, JsonNode value,
                          String rationale, Caller caller, Long expectedVersion) implements PartyCommand {
}
