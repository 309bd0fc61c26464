package io.parley.model.negotiation;

import io.parley.model.term.TermDefinition;

import java.util.List;

/** Opens a negotiation with its parties and term catalogue (resolved from a scenario by the caller if named). */
public record OpenNegotiation(String negotiationId, String title, String scenario, List<Party> parties,
                             List<TermDefinition> terms) implements NegotiationCommand {
    @Override
    public Long expectedVersion() {
        return null;
    }
}
