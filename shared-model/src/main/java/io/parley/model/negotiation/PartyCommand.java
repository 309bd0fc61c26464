package io.parley.model.negotiation;

/** A command a party gives for itself alone: a move or a signature. Nobody, the facilitator included, acts for it. */
public sealed interface PartyCommand extends NegotiationCommand permits
        ProposeMove, CounterMove, AcceptMove, RejectMove, WithdrawMove, SignDeal {

    /** The party that acts. */
    String party();
}
