package io.parley.model.negotiation;

/** A red line no longer applies. {@code retractedBy} is its party or the facilitator. */
public record RedLineRetracted(String negotiationId, String redLineId, String party, String retractedBy)
        implements NegotiationEvent {
}
