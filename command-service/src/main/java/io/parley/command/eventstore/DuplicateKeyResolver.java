package io.parley.command.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells Axon when an append failed because another writer already stored that (negotiation, sequence) — then Axon
 * raises a {@code ConcurrencyException} (a 409) instead of a generic store error. Axon's own JDBC resolver looks only
 * at exception causes, but H2 and PostgreSQL report a failed batch insert through {@code getNextException()} or with
 * a plain {@code SQLException} carrying SQLSTATE 23505 (unique violation), so this one looks at both.
 */
public class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Set<Throwable> seen = new HashSet<>();
        return isDuplicate(exception, seen);
    }

    private static boolean isDuplicate(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t instanceof SQLIntegrityConstraintViolationException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (isDuplicate(sql.getNextException(), seen)) {
                return true;
            }
        }
        return isDuplicate(t.getCause(), seen);
    }
}
