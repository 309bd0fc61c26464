package io.parley.query.intake;

/** Why the intake set a record aside instead of applying it. */
public enum ParkKind {
    /** The value is not an event of the public format: not JSON, an unknown type, a missing field. */
    MALFORMED,
    /** Versions are missing before it, so applying it would skip events. */
    GAP,
    /** The fold refused it: the event does not fit the deal as it stands. */
    FOLD_FAILED
}
