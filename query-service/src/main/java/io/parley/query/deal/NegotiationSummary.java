package io.parley.query.deal;

import io.parley.model.negotiation.NegotiationStatus;
import io.parley.model.negotiation.Party;

import java.time.Instant;
import java.util.List;

/** One line of the list of negotiations. {@code updatedAt} is when its last event happened. */
public record NegotiationSummary(String id, String title, String scenario, NegotiationStatus status, long version,
                                 List<Party> parties, Instant updatedAt) {
}
