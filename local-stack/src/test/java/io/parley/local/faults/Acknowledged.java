package io.parley.local.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the clients were told succeeded: for every negotiation, each 2xx answer's move id and version. These are the
 * promises {@link NothingIsLost} holds the system to.
 */
final class Acknowledged {

    record Move(String moveId, long version) {
    }

    private final Map<String, ConcurrentLinkedQueue<Move>> moves = new ConcurrentHashMap<>();

    /** A negotiation the checker must look at, even before any move in it was acknowledged. */
    void negotiation(String negotiationId) {
        moves.computeIfAbsent(negotiationId, id -> new ConcurrentLinkedQueue<>());
    }

    void move(String negotiationId, String moveId, long version) {
        moves.computeIfAbsent(negotiationId, id -> new ConcurrentLinkedQueue<>()).add(new Move(moveId, version));
    }

    Set<String> negotiations() {
        return moves.keySet();
    }

    List<Move> movesIn(String negotiationId) {
        return new ArrayList<>(moves.getOrDefault(negotiationId, new ConcurrentLinkedQueue<>()));
    }

    int count() {
        return moves.values().stream().mapToInt(ConcurrentLinkedQueue::size).sum();
    }
}
