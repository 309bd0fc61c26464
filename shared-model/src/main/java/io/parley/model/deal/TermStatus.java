package io.parley.model.deal;

public enum TermStatus {
    /** Nothing on the table. */
    OPEN,
    /** At least one proposal is pending. */
    PROPOSED,
    /** Settled: every party the term's consent rule names accepted the same proposal. */
    AGREED
}
