package io.parley.query.analysis;

import io.parley.model.deal.DealState;
import io.parley.model.redline.AgreementSpace;
import io.parley.model.redline.Analysis;
import io.parley.query.redline.PerVersion;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Analyses of the agreement space, computed when the facilitator asks and kept for (negotiation, version, party):
 * a search over the open terms is the most expensive read there is, and a facilitator's screen asks again and again.
 */
@Component
class Analyses {

    private final PerVersion<Analysis> cache;

    Analyses(@Value("${parley.analysis.cache-size:200}") int capacity) {
        this.cache = new PerVersion<>(capacity);
    }

    /** The analysis of {@code deal} for every party's red lines, or for {@code party}'s alone. */
    Analysis of(DealState deal, String party) {
        return cache.get(deal.negotiationId(), deal.version(), party == null ? "" : party,
                () -> AgreementSpace.analyse(deal, party));
    }
}
