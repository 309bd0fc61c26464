package io.parley.model.deal;

public enum ProposalStatus {
    /** On the table: parties may accept, reject or counter it. */
    PENDING,
    /** Every party whose consent the term needs accepted it. */
    AGREED,
    /** A party whose consent the term needs rejected it. */
    REJECTED,
    /** Its proposer took it back. */
    WITHDRAWN,
    /** Another party answered it with a counter-proposal. */
    COUNTERED,
    /** Another proposal on the same term was agreed first. */
    SUPERSEDED
}
