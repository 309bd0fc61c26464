package io.parley.model.negotiation;

import io.parley.model.access.Caller;

/** Retracted by the red line's party or by the facilitator. */
public record RetractRedLine(String negotiationId, String redLineId, Caller caller, Long expectedVersion)
        implements NegotiationCommand {
}
