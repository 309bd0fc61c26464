package io.parley.model.negotiation;

/** {@code actor} must be the red line's party or {@link Party#FACILITATOR}. */
public record RetractRedLine(String negotiationId, String redLineId, String actor, Long expectedVersion)
        implements NegotiationCommand {
}
