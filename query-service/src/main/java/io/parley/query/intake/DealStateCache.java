package io.parley.query.intake;

import io.parley.model.deal.DealState;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The committed deal states the intake wrote last, so that the next event of a negotiation needs only the locked
 * version from the database, not the stored state read back and parsed again. A cached state is used only when its
 * version is the version in the locked row, which makes a stale entry harmless.
 */
@Component
class DealStateCache {

    private final Map<String, DealState> states;

    DealStateCache(@Value("${parley.intake.state-cache-size:10000}") int capacity) {
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DealState> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<DealState> get(String negotiationId, long version) {
        DealState state = states.get(negotiationId);
        return state != null && state.version() == version ? Optional.of(state) : Optional.empty();
    }

    /** Call only with states that are committed. */
    synchronized void putAll(Iterable<DealState> committed) {
        committed.forEach(s -> states.put(s.negotiationId(), s));
    }
}
