package io.parley.query.intake;

import io.parley.model.deal.DealState;
import io.parley.model.json.PublishedEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, without touching the database, what becomes of each record given the deals as they are stored.
 * <p>
 * Per negotiation the versions must follow each other: a version already applied is a redelivery; the next version
 * is folded with {@link DealState#apply}; a later version means events are missing, so it is parked rather than
 * applied. Records that cannot be read, and events the fold refuses, are parked too: a bad record never stops the
 * records behind it.
 */
final class Projector {

    private Projector() {
    }

    /**
     * @param stored the stored deal of each negotiation that has a row; a negotiation without one starts from
     *               {@link DealState#EMPTY}
     */
    static Projection project(List<Incoming> incoming, Map<String, DealState> stored) {
        Verdict[] verdicts = new Verdict[incoming.size()];
        Map<String, List<Integer>> byNegotiation = new LinkedHashMap<>();
        for (int i = 0; i < verdicts.length; i++) {
            Incoming in = incoming.get(i);
            if (in.event() == null) {
                verdicts[i] = new Verdict.Parked(in.record(), null, null, ParkKind.MALFORMED, in.problem());
            } else {
                byNegotiation.computeIfAbsent(in.event().negotiationId(), id -> new ArrayList<>()).add(i);
            }
        }
        Map<String, DealState> deals = new LinkedHashMap<>();
        byNegotiation.forEach((id, indexes) -> {
            DealState state = stored.getOrDefault(id, DealState.EMPTY);
            boolean changed = false;
            for (int i : indexes) {
                Incoming in = incoming.get(i);
                PublishedEvent event = in.event();
                long last = state.version();
                if (event.version() <= last) {
                    verdicts[i] = new Verdict.Duplicate(in.record(), id, event.version());
                } else if (event.version() > last + 1) {
                    verdicts[i] = new Verdict.Parked(in.record(), id, event.version(), ParkKind.GAP,
                            "negotiation is at version " + last + "; " + missing(last, event.version()));
                } else {
                    try {
                        state = state.apply(event.event());
                        changed = true;
                        verdicts[i] = new Verdict.Applied(in.record(), event);
                    } catch (RuntimeException refused) {
                        verdicts[i] = new Verdict.Parked(in.record(), id, event.version(), ParkKind.FOLD_FAILED,
                                event.type() + " does not fit the deal at version " + last + ": " + refused);
                    }
                }
            }
            if (changed) {
                // Closed proposals are history, which the timeline keeps; the row keeps what is on the table.
                deals.put(id, state.withoutClosedProposals());
            }
        });
        return new Projection(Arrays.asList(verdicts), deals);
    }

    private static String missing(long last, long version) {
        return version == last + 2 ? "version " + (last + 1) + " is missing"
                : "versions " + (last + 1) + ".." + (version - 1) + " are missing";
    }
}
