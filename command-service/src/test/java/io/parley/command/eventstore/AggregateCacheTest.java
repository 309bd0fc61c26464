package io.parley.command.eventstore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The aggregate cache holds only what was committed, and never an older state over a newer one. */
class AggregateCacheTest {

    private final AggregateCache cache = new AggregateCache(10);

    @AfterEach
    void noTransactionLeft() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void withoutATransactionAPutIsKeptAtOnce() {
        cache.put("n1", "v1");

        assertThat(cache.<String, String>get("n1")).isEqualTo("v1");
    }

    @Test
    void aPutInsideATransactionTakesTheOldEntryOutAndFillsItOnlyAtTheCommit() {
        cache.put("n1", "v1");
        List<TransactionSynchronization> tx = inTransaction(() -> cache.put("n1", "v2"));

        assertThat(cache.containsKey("n1")).as("while the transaction is open").isFalse();
        end(tx, TransactionSynchronization.STATUS_COMMITTED);
        assertThat(cache.<String, String>get("n1")).isEqualTo("v2");
    }

    @Test
    void aTransactionRolledBackAfterTheCommandLeavesNothingInTheCache() {
        cache.put("n1", "v1");
        List<TransactionSynchronization> tx = inTransaction(() -> cache.put("n1", "v2, with events never stored"));

        end(tx, TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(cache.containsKey("n1")).isFalse();
    }

    @Test
    void anOlderSaveCommittingLastDoesNotOverwriteANewerOne() {
        List<TransactionSynchronization> first = inTransaction(() -> cache.put("n1", "v2"));
        List<TransactionSynchronization> second = inTransaction(() -> cache.put("n1", "v3"));

        end(second, TransactionSynchronization.STATUS_COMMITTED);
        end(first, TransactionSynchronization.STATUS_COMMITTED);

        assertThat(cache.<String, String>get("n1")).isEqualTo("v3");
    }

    @Test
    void itKeepsAtMostItsSize() {
        for (int i = 0; i < 100; i++) {
            cache.put("n" + i, "v");
        }
        cache.cleanUp();

        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    /** Runs {@code work} as inside an open transaction; returns what it registered to run at the transaction's end. */
    private static List<TransactionSynchronization> inTransaction(Runnable work) {
        TransactionSynchronizationManager.initSynchronization();
        try {
            work.run();
            return List.copyOf(TransactionSynchronizationManager.getSynchronizations());
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private static void end(List<TransactionSynchronization> tx, int status) {
        tx.forEach(s -> s.afterCompletion(status));
    }
}
