package io.parley.model.negotiation;

/**
 * Everything that can happen in a negotiation. The set is closed so every consumer (the fold, the timeline,
 * the public JSON) handles every kind; forks will join it.
 */
public sealed interface NegotiationEvent permits
        NegotiationOpened, MoveProposed, MoveCountered, MoveAccepted, MoveRejected, MoveWithdrawn,
        TermAgreed, DealSigned, NegotiationConcluded, NegotiationCollapsed, RedLineDeclared, RedLineRetracted {

    String negotiationId();

    /** The party that acted, or {@code null} for what follows from the rules (an agreement, a conclusion). */
    default String party() {
        return null;
    }
}
