package io.parley.model.negotiation;

/**
 * What a caller asks of a negotiation. Every command names its negotiation and may carry the version the caller
 * last saw ({@code If-Match}); a command on a negotiation that has moved on is refused with {@link StaleVersion}.
 */
public sealed interface NegotiationCommand permits
        OpenNegotiation, ProposeMove, CounterMove, AcceptMove, RejectMove, WithdrawMove, SignDeal, CollapseNegotiation,
        DeclareRedLine, RetractRedLine {

    String negotiationId();

    /** The version the caller expects the negotiation to be at, or {@code null} for "whatever it is". */
    Long expectedVersion();
}
