package io.parley.model.negotiation;

import io.parley.model.term.TermValue;

/** A new proposal on the same term that replaces {@code proposalId}, made by another party. */
public record MoveCountered(String negotiationId, String moveId, String party, String proposalId, String term,
                            TermValue value, String rationale) implements NegotiationEvent {
}
