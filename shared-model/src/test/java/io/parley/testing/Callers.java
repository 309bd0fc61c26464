package io.parley.testing;

import io.parley.model.access.Caller;

/** Callers as tests name them: the facilitator, an observer, or the team playing a party. */
public final class Callers {

    public static final Caller FACILITATOR = Caller.facilitator("facilitator");
    public static final Caller OBSERVER = Caller.observer("observer");

    private Callers() {
    }

    /** The team that plays {@code party}, e.g. {@code team-ua (party:UA)}. */
    public static Caller team(String party) {
        return Caller.party("team-" + party.toLowerCase(java.util.Locale.ROOT), party);
    }

    /** Whoever the actor name stands for: {@code facilitator}, {@code observer}, or a party's team. */
    public static Caller as(String actor) {
        return switch (actor) {
            case "facilitator" -> FACILITATOR;
            case "observer" -> OBSERVER;
            default -> team(actor);
        };
    }
}
