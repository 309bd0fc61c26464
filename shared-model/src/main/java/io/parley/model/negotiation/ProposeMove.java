package io.parley.model.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.access.Caller;

/** {@code value} is raw JSON from the request; the rules check it against the term's domain. */
public record ProposeMove(String negotiationId, String moveId, String party, String term, JsonNode value,
                          String rationale, Caller caller, Long expectedVersion) implements PartyCommand {
}
