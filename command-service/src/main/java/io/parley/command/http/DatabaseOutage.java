package io.parley.command.http;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a failure that means the database is out of reach, wherever it surfaced: Spring's transaction or
 * JdbcTemplate, Axon's JDBC event store (which wraps the driver's exception in its own), the pool or the driver.
 */
public enum DatabaseOutage {

    /** No connection could be had (or no transaction begun on it): nothing of the request was written. */
    NOT_CONNECTED,
    /**
     * A connection broke while the request used it. Before the commit the server drops the transaction; during the
     * commit nobody can tell whether it landed: the request may or may not have been stored.
     */
    BROKEN;

    /** SQLSTATE class 08: connection exception (PostgreSQL reports a lost server as 08006, 08001, ...). */
    private static final String CONNECTION_EXCEPTION = "08";
    /**
     * Hikari's answer, without a SQLSTATE, on a connection it evicted after a connection error. Axon reads the
     * aggregate's snapshot first and only logs a failure there: the 08006 is gone, and the next statement on the
     * same connection fails with this.
     */
    private static final String POOL_CLOSED = "Connection is closed";

    public static Optional<DatabaseOutage> of(Throwable failure) {
        boolean outage = false;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException) {
                return Optional.of(NOT_CONNECTED);
            }
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                // The rollback after the failure failed too (on PostgreSQL the pool has closed the broken
                // connection): what went wrong first is the failure that counts.
                Optional<DatabaseOutage> first = of(rollback.getApplicationException());
                if (first.isPresent()) {
                    return first;
                }
            }
            outage |= t instanceof DataAccessResourceFailureException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLException sql && (sql.getSQLState() != null
                    && sql.getSQLState().startsWith(CONNECTION_EXCEPTION) || POOL_CLOSED.equals(sql.getMessage()));
        }
        return outage ? Optional.of(BROKEN) : Optional.empty();
    }
}
