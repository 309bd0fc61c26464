package io.parley.query.intake;

import io.parley.model.deal.DealState;

import java.util.List;

/**
 * What one committed batch did.
 *
 * @param changed the deal states the batch wrote
 */
record BatchOutcome(int applied, int duplicates, int gaps, int parked, List<DealState> changed) {
}
