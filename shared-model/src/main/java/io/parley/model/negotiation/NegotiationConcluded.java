package io.parley.model.negotiation;

import io.parley.model.term.TermValue;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Every party has signed: the deal is final. {@code terms} is the agreed deal, term id to value. */
public record NegotiationConcluded(String negotiationId, SortedMap<String, TermValue> terms) implements NegotiationEvent {
    public NegotiationConcluded {
        terms = Collections.unmodifiableSortedMap(new TreeMap<>(terms));
    }

    public NegotiationConcluded(String negotiationId, Map<String, TermValue> terms) {
        this(negotiationId, new TreeMap<>(terms));
    }
}
