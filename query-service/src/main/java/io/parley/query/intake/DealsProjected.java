package io.parley.query.intake;

import io.parley.model.deal.DealState;

import java.util.List;

/**
 * Published (as a Spring application event, on the intake's thread) after a batch's transaction has committed: the
 * deals it changed, each at the version now served by {@code GET .../deal}. For whatever must follow the
 * projections as they move: a live stream to clients, a benchmark timing the way from a move to its reader. A
 * listener runs on the consumer's thread, so it must be quick and must not throw.
 *
 * @param deals the deal states the batch wrote, one per negotiation it changed
 */
public record DealsProjected(List<DealState> deals) {

    public DealsProjected {
        deals = List.copyOf(deals);
    }
}
