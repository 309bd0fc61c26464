package io.parley.query.redline;

import io.parley.model.deal.DealState;
import io.parley.model.redline.RedLineChecks;
import io.parley.model.redline.RedLineVerdict;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The verdicts on a negotiation's red lines, computed when the deal is read and kept for its version.
 * <p>
 * They are computed on reading, not when the intake writes the projection: verdicts are a pure function of the
 * stored deal state, so storing them would only add a copy that could disagree with the state (after a newer
 * engine, say); the intake, and a rebuild of every projection from the topic, need not evaluate red lines for
 * versions nobody reads; and a red line the engine cannot evaluate fails that one read instead of stalling a
 * partition. A version never changes, so the verdicts are cached by (negotiation, version): dashboards polling an
 * unchanged deal cost one evaluation, not one per poll.
 */
@Component
public class RedLineVerdicts {

    private final PerVersion<List<RedLineVerdict>> cache;

    public RedLineVerdicts(@Value("${parley.red-lines.cache-size:1000}") int capacity) {
        this.cache = new PerVersion<>(capacity);
    }

    /** Where every red line in force stands against {@code deal}, in declaration order. */
    public List<RedLineVerdict> of(DealState deal) {
        if (deal.redLines().isEmpty()) {
            return List.of();
        }
        return cache.get(deal.negotiationId(), deal.version(), "", () -> List.copyOf(RedLineChecks.check(deal)));
    }
}
