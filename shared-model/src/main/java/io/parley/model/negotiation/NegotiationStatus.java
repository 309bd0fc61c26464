package io.parley.model.negotiation;

public enum NegotiationStatus {
    /** Nothing has happened yet: the state before the opening event. */
    NOT_OPENED,
    OPEN,
    /** Every party signed. */
    CONCLUDED,
    COLLAPSED
}
