package io.parley.query.access;

import io.parley.model.access.Caller;
import io.parley.support.security.ActorHeader;

import java.util.Collection;

/**
 * What a caller may see of one negotiation's red lines: a party its own (in a negotiation that has its party), the
 * facilitator all of them, and anyone else (an observer, or a party whose party is not at this table) no red-line
 * text at all.
 */
public record Viewer(Caller caller) {

    /** What every read documents about {@code X-Actor}. */
    public static final String ACTOR_HEADER = ActorHeader.NAME;
    public static final String ACTOR_HEADER_DESCRIPTION = "Development mode only (PARLEY_AUTH_MODE=header): who asks,"
            + " a party id of this negotiation or 'facilitator'; absent, or any other value, reads as an observer."
            + " With tokens (the default) this header is ignored: the caller is the bearer token's subject and role.";

    /**
     * The {@code Cache-Control} of every read whose content depends on who asks and can carry red lines (deal,
     * analysis, timeline): no shared cache may keep it, and a browser's copy is revalidated before each use, so a
     * red line never outlives the caller's right to it in a cache.
     */
    public static final String PRIVATE_READ = "private, no-cache";

    public static Viewer of(Caller caller) {
        return new Viewer(caller);
    }

    public boolean isFacilitator() {
        return caller.isFacilitator();
    }

    /** Whether this viewer may read the text of a red line that {@code party} holds. */
    public boolean maySeeRedLinesOf(String party) {
        return isFacilitator() || (party != null && caller.plays(party));
    }

    /** Whether this viewer is neither the facilitator nor one of {@code partyIds}. */
    public boolean isObserverOf(Collection<String> partyIds) {
        return !isFacilitator() && (caller.party() == null || !partyIds.contains(caller.party()));
    }

    /**
     * What sets this viewer's representation of a negotiation apart from another's: {@code facilitator}, the party
     * id, or {@code null} for an observer (all observers see the same). Taken from the role, never from a raw header.
     */
    public String representation(Collection<String> partyIds) {
        if (isObserverOf(partyIds)) {
            return null;
        }
        return isFacilitator() ? Caller.FACILITATOR : caller.party();
    }

    /** Whether this viewer sees who acted as authenticated (subject and role) on the timeline. */
    public boolean seesAudit() {
        return isFacilitator();
    }
}
