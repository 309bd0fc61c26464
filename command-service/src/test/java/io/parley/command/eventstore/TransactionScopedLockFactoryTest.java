package io.parley.command.eventstore;

import org.axonframework.common.lock.Lock;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A negotiation's lock is given up when the transaction ends, not before. */
class TransactionScopedLockFactoryTest {

    private final List<String> released = new ArrayList<>();
    private final TransactionScopedLockFactory locks = new TransactionScopedLockFactory(id -> new Lock() {
        @Override
        public void release() {
            released.add(id);
        }

        @Override
        public boolean isHeld() {
            return !released.contains(id);
        }
    });

    @Test
    void outsideATransactionTheLockIsReleasedAtOnce() {
        locks.obtainLock("n1").release();

        assertThat(released).containsExactly("n1");
    }

    @Test
    void insideATransactionTheLockIsReleasedWhenItEnds() {
        Lock lock = locks.obtainLock("n1");
        TransactionSynchronizationManager.initSynchronization();
        List<TransactionSynchronization> atTheEnd;
        try {
            lock.release();
            atTheEnd = List.copyOf(TransactionSynchronizationManager.getSynchronizations());
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }

        assertThat(released).as("while the transaction is open").isEmpty();
        assertThat(lock.isHeld()).isTrue();
        atTheEnd.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
        assertThat(released).containsExactly("n1");
    }
}
