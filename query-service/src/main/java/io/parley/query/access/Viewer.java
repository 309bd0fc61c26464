package io.parley.query.http;

import io.parley.model.negotiation.Party;

import java.util.Collection;

/**
 * Who reads, as the {@code X-Actor} header names them, and what of the red lines they may see: a party sees its own,
 * the facilitator sees all, and anyone else (no header, or a name that is no party of the negotiation) is an observer
 * who sees no red-line text at all.
 */
public final class Viewer {

    public static final String HEADER = "X-Actor";

    /** What every read documents about {@code X-Actor}. */
    public static final String HEADER_DESCRIPTION = "Who asks: a party id of this negotiation, or 'facilitator'."
            + " Absent, or any other value, reads as an observer. A party sees its own red lines, the facilitator"
            + " sees all of them, an observer sees no red-line text.";

    private static final Viewer OBSERVER = new Viewer(null);

    private final String actor;

    private Viewer(String actor) {
        this.actor = actor;
    }

    /** The viewer a request's {@code X-Actor} names; blank or absent is an observer. */
    public static Viewer of(String actorHeader) {
        if (actorHeader == null || actorHeader.isBlank()) {
            return OBSERVER;
        }
        return new Viewer(actorHeader.trim());
    }

    public boolean isFacilitator() {
        return Party.FACILITATOR.equals(actor);
    }

    /** Whether this viewer may read the text of a red line that {@code party} holds. */
    public boolean maySeeRedLinesOf(String party) {
        return isFacilitator() || (actor != null && actor.equals(party));
    }

    /** Whether this viewer is neither the facilitator nor one of {@code partyIds}. */
    public boolean isObserverOf(Collection<String> partyIds) {
        return !isFacilitator() && (actor == null || !partyIds.contains(actor));
    }

    /**
     * What sets this viewer's representation of a negotiation apart from another's: {@code facilitator}, the party
     * id, or {@code null} for an observer (all observers see the same).
     */
    public String representation(Collection<String> partyIds) {
        return isObserverOf(partyIds) ? null : actor;
    }

    /** The name as given, for messages; {@code null} when nobody is named. */
    public String actor() {
        return actor;
    }
}
