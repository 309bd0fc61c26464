package io.parley.model.negotiation;

import io.parley.model.term.TermValue;

public record MoveProposed(String negotiationId, String moveId, String party, String term,
                           TermValue value, String rationale) implements NegotiationEvent {
}
