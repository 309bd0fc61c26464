package io.parley.query.parking;

/** Where a parked record stands: still waiting for someone, or resolved by an operator. */
public enum ParkedStatus {
    /** Set aside and not applied; counted on health and metrics. */
    PARKED,
    /** Retried by an operator and applied (or found already applied). */
    RETRIED,
    /** Skipped by an operator, with a reason; kept for the record, never applied. */
    SKIPPED
}
