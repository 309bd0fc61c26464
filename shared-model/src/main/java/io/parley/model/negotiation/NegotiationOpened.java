package io.parley.model.negotiation;

import io.parley.model.term.TermDefinition;

import java.util.List;

/** @param scenario the named scenario it was opened from, or {@code null} for a custom table */
public record NegotiationOpened(String negotiationId, String title, String scenario,
                                List<Party> parties, List<TermDefinition> terms) implements NegotiationEvent {
    public NegotiationOpened {
        parties = List.copyOf(parties);
        terms = List.copyOf(terms);
    }
}
