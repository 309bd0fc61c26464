package io.parley.query.deal;

import io.parley.model.deal.DealState;

import java.time.Instant;

/**
 * What the intake writes for one negotiation after applying events to it.
 *
 * @param openedAt  when the negotiation was opened; only read when the row is new
 * @param updatedAt when the last applied event happened
 */
public record DealRow(DealState state, Instant openedAt, Instant updatedAt) {
}
