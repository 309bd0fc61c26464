package io.parley.model.access;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is calling, as authentication established it: a subject (a person or a team's account), one role, and
 * optionally the negotiations the credential is limited to.
 * <p>
 * In a token the role is the claim {@value #ROLES_CLAIM}: a list holding {@code facilitator}, {@code party:<id>}
 * or {@code observer} (the first one recognised counts; a token with none recognised is refused, see
 * {@link #recognisesRole}). The optional claim
 * {@value #NEGOTIATIONS_CLAIM} lists negotiation ids; a credential that has it is refused on every other
 * negotiation, including forks of the ones it names, which are negotiations of their own.
 *
 * @param party        the party played, for {@link Role#PARTY}; else {@code null}
 * @param negotiations the negotiations the credential is limited to, or {@code null} for all
 */
public record Caller(String subject, Role role, String party, Set<String> negotiations) {

    public static final String ROLES_CLAIM = "roles";
    public static final String NEGOTIATIONS_CLAIM = "negotiations";
    public static final String FACILITATOR = "facilitator";
    public static final String OBSERVER = "observer";
    public static final String PARTY_PREFIX = "party:";

    public Caller {
        if (role == Role.PARTY && (party == null || party.isBlank())) {
            throw new IllegalArgumentException("a party caller needs a party");
        }
        if (role != Role.PARTY) {
            party = null;
        }
        negotiations = negotiations == null ? null : Set.copyOf(new TreeSet<>(negotiations));
    }

    public static Caller facilitator(String subject) {
        return new Caller(subject, Role.FACILITATOR, null, null);
    }

    public static Caller party(String subject, String party) {
        return new Caller(subject, Role.PARTY, party, null);
    }

    public static Caller observer(String subject) {
        return new Caller(subject, Role.OBSERVER, null, null);
    }

    /** Reads the role and limits of a verified token's claims. */
    public static Caller fromClaims(String subject, Object rolesClaim, Object negotiationsClaim) {
        Caller caller = observer(subject);
        for (String role : strings(rolesClaim)) {
            Caller parsed = parseRole(subject, role);
            if (parsed != null) {
                caller = parsed;
                break;
            }
        }
        Collection<String> limited = negotiationsClaim == null ? null : strings(negotiationsClaim);
        return new Caller(caller.subject(), caller.role(), caller.party(), limited == null ? null : new TreeSet<>(limited));
    }

    /** Whether a token's roles claim holds a role Parley knows; a token without one may not use the API. */
    public static boolean recognisesRole(Object rolesClaim) {
        return strings(rolesClaim).stream().anyMatch(role -> parseRole(null, role) != null);
    }

    /**
     * Development mode only (authentication off): the {@code X-Actor} header is taken at its word. {@code facilitator}
     * is the facilitator, no header an observer, anything else the party of that id.
     */
    public static Caller fromActorHeader(String actor) {
        if (actor == null || actor.isBlank()) {
            return observer(null);
        }
        if (FACILITATOR.equals(actor)) {
            return facilitator(actor);
        }
        if (OBSERVER.equals(actor)) {
            return observer(actor);
        }
        return party(actor, actor);
    }

    /** The role as written in a token: {@code facilitator}, {@code party:UA} or {@code observer}. */
    public String roleName() {
        return switch (role) {
            case FACILITATOR -> FACILITATOR;
            case PARTY -> PARTY_PREFIX + party;
            case OBSERVER -> OBSERVER;
        };
    }

    /** The name recorded as the actor of what this caller does: the party id, or the role's name. */
    public String actor() {
        return role == Role.PARTY ? party : roleName();
    }

    public boolean isFacilitator() {
        return role == Role.FACILITATOR;
    }

    public boolean plays(String partyId) {
        return role == Role.PARTY && party.equals(partyId);
    }

    /** False when the credential is limited to other negotiations. */
    public boolean mayAccess(String negotiationId) {
        return negotiations == null || negotiations.contains(negotiationId);
    }

    private static Caller parseRole(String subject, String role) {
        String r = role.trim();
        if (r.equalsIgnoreCase(FACILITATOR)) {
            return facilitator(subject);
        }
        if (r.equalsIgnoreCase(OBSERVER)) {
            return observer(subject);
        }
        if (r.toLowerCase(Locale.ROOT).startsWith(PARTY_PREFIX) && r.length() > PARTY_PREFIX.length()) {
            return party(subject, r.substring(PARTY_PREFIX.length()));
        }
        return null;
    }

    private static List<String> strings(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(v -> v != null).map(Object::toString).toList();
        }
        // A single string, or a space-separated list as some issuers write scopes.
        return List.of(claim.toString().trim().split("\\s+"));
    }
}
