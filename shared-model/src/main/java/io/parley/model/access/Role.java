package io.parley.model.access;

public enum Role {
    /** Runs the session: opens, collapses, reads everything, declares red lines on a party's behalf. */
    FACILITATOR,
    /** Plays one party: moves, signs and declares red lines as that party, reads its own red lines. */
    PARTY,
    /** Reads the deal, the timeline and the streams, without red-line texts. */
    OBSERVER
}
