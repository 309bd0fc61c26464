package io.parley.command.eventstore;

import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's per-negotiation lock, held until the database transaction that the command ran in has ended rather than
 * until Axon's unit of work has.
 * <p>
 * A write runs in a transaction opened before the command (the idempotency record commits with the events), so Axon
 * is done, and would let the next command on the same negotiation in, while the events are not yet committed. That
 * next command could not see them: it would decide on the state before them, lose at the event store's unique key and
 * be decided again. Holding the lock to the end of the transaction makes the commands of one instance on one
 * negotiation follow each other, each on the state the previous one committed (and found in the
 * {@link AggregateCache}, which is filled at the commit just before the lock is released). Instances still meet at
 * the unique key.
 */
public final class TransactionScopedLockFactory implements LockFactory {

    private final LockFactory locks;

    public TransactionScopedLockFactory() {
        this(PessimisticLockFactory.usingDefaults());
    }

    TransactionScopedLockFactory(LockFactory locks) {
        this.locks = locks;
    }

    @Override
    public Lock obtainLock(String identifier) {
        Lock lock = locks.obtainLock(identifier);
        return new Lock() {
            @Override
            public void release() {
                if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                    lock.release();
                    return;
                }
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        lock.release();
                    }
                });
            }

            @Override
            public boolean isHeld() {
                return lock.isHeld();
            }
        };
    }
}
