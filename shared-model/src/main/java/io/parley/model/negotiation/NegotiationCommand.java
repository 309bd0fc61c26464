package io.parley.model.negotiation;

import io.parley.model.access.Caller;

/**
 * What a caller asks of a negotiation. Every command names its negotiation, who asks (the {@link Caller} that
 * authentication established, which the rules judge) and may carry the version the caller last saw
 * ({@code If-Match}); a command on a negotiation that has moved on is refused with {@link StaleVersion}.
 */
public sealed interface NegotiationCommand permits
        OpenNegotiation, PartyCommand, CollapseNegotiation, DeclareRedLine, RetractRedLine {

    String negotiationId();

    /** Who asks. */
    Caller caller();

    /** The version the caller expects the negotiation to be at, or {@code null} for "whatever it is". */
    Long expectedVersion();
}
