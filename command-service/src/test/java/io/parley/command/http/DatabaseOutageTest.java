package io.parley.command.http;

import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** How the failures of a database out of reach are told apart, as Spring, Axon, Hikari and the drivers raise them. */
class DatabaseOutageTest {

    private static final SQLTransientConnectionException POOL_TIMED_OUT =
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out");

    @Test
    void noConnectionMeansNothingWasWritten() {
        assertThat(DatabaseOutage.of(new CannotCreateTransactionException("Could not open JDBC Connection",
                POOL_TIMED_OUT))).contains(DatabaseOutage.NOT_CONNECTED);
        assertThat(DatabaseOutage.of(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                POOL_TIMED_OUT))).contains(DatabaseOutage.NOT_CONNECTED);
    }

    @Test
    void aConnectionThatBrokeInUseLeavesTheOutcomeUnknown() {
        SQLException postgresLost = new SQLException("An I/O error occurred while sending to the backend", "08006");
        assertThat(DatabaseOutage.of(new EventStoreException("An event could not be persisted", postgresLost)))
                .contains(DatabaseOutage.BROKEN);
        assertThat(DatabaseOutage.of(new EventStoreException("An event could not be persisted",
                new SQLNonTransientConnectionException("Database is already closed", "90121"))))
                .contains(DatabaseOutage.BROKEN);
    }

    @Test
    void aConnectionThePoolClosedAfterAnEarlierErrorIsBrokenToo() {
        // Axon logged the snapshot read's 08006 and went on; the pool had evicted the connection by then.
        assertThat(DatabaseOutage.of(new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).contains(DatabaseOutage.BROKEN);
    }

    @Test
    void aRollbackThatFailedAfterwardsDoesNotHideTheOutage() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new EventStoreException("An event could not be persisted",
                new SQLException("An I/O error occurred while sending to the backend", "08006")));

        assertThat(DatabaseOutage.of(rollbackFailed)).contains(DatabaseOutage.BROKEN);
    }

    @Test
    void otherFailuresAreNoOutage() {
        assertThat(DatabaseOutage.of(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isEmpty();
        assertThat(DatabaseOutage.of(new TransactionSystemException("JDBC commit failed",
                new SQLException("could not serialize access", "40001")))).isEmpty();
        assertThat(DatabaseOutage.of(new IllegalStateException("a bug"))).isEmpty();
    }
}
