package io.parley.model.scenario;

import io.parley.model.negotiation.Party;
import io.parley.model.term.TermDefinition;

import java.util.List;

/** A ready-made table a facilitator can open by name: its parties and term catalogue. */
public record Scenario(String id, String title, String description, List<Party> parties, List<TermDefinition> terms) {
    public Scenario {
        parties = List.copyOf(parties);
        terms = List.copyOf(terms);
    }
}
