package io.parley.model.negotiation;

import io.parley.model.term.TermValue;

/** Every party the term's consent rule names has accepted {@code proposalId}; the term is settled at {@code value}. */
public record TermAgreed(String negotiationId, String term, String proposalId, TermValue value) implements NegotiationEvent {
}
