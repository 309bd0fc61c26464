package io.parley.model.negotiation;

import io.parley.model.access.Caller;

/** Declared by its party, or by the facilitator on the party's behalf. */
public record DeclareRedLine(String negotiationId, String redLineId, String party, String title, String expression,
                             Caller caller, Long expectedVersion) implements NegotiationCommand {
}
