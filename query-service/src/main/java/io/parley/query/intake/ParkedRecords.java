package io.parley.query.intake;

import java.util.List;

/**
 * Where the intake sets aside the records it could not apply, in its own transaction. The parking feature keeps them
 * (and lets an operator retry or skip them); the intake needs to know no more of it than this.
 */
public interface ParkedRecords {

    /**
     * Parks these records in the caller's transaction; one already parked (redelivered: same position, key and
     * bytes) is not parked twice.
     *
     * @return how many were parked now
     */
    int park(List<Verdict.Parked> parked);
}
