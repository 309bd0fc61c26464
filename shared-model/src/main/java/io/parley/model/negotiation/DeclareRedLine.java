package io.parley.model.negotiation;

/** {@code actor} is who asks: the party itself, or {@link Party#FACILITATOR} on the party's behalf. */
public record DeclareRedLine(String negotiationId, String redLineId, String party, String title, String expression,
                             String actor, Long expectedVersion) implements NegotiationCommand {
}
