package io.parley.model.negotiation;

import io.parley.model.access.Caller;
import io.parley.model.term.TermDefinition;

import java.util.List;

/**
 * Opens a negotiation with its parties and term catalogue (resolved from a scenario by the caller if named). Nothing
 * was there before it, so the only version it may expect is 0.
 */
public record OpenNegotiation(String negotiationId, String title, String scenario, List<Party> parties,
                             List<TermDefinition> terms, Caller caller, Long expectedVersion) implements NegotiationCommand {
}
