package io.parley.model.negotiation;

/**
 * A party declared a private red line. {@code declaredBy} is the party itself or the facilitator acting for it.
 * The expression is private to the party and the facilitator: readers filter it by who asks.
 */
public record RedLineDeclared(String negotiationId, String redLineId, String party, String title, String expression,
                              String declaredBy) implements NegotiationEvent {
}
