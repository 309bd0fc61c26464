package io.parley.testing;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call which endpoint: the HTTP status every kind of caller ({@link Who}, the columns) gets from every
 * endpoint of both services ({@link Endpoint}, the rows). This is the one place that says so; the command service's
 * WhoMayWriteTest, the query service's ReadAccessMatrixTest and the local stack's SecurityMatrixTest all read it.
 *
 * <p>A row is about UA's business on a negotiation where UA and RU sit: a body naming {@code party: UA}, UA's red
 * line. "Own party" is UA, "other party" RU, and "party not at the table" CN, whose token is valid but whose party
 * does not sit at this negotiation. Expired, malformed, wrongly signed tokens, tokens for another audience or from
 * another issuer, ID tokens and tokens without a role Parley knows are those of the row's first allowed caller (UA
 * where a party may act, else the facilitator): they are refused for what they are, not for who they name.
 */
public final class AccessMatrix {

    /** The columns: every kind of caller. */
    public enum Who {
        /** No Authorization header at all. */
        NO_TOKEN,
        /** {@code Authorization: Bearer not-a-token}. */
        MALFORMED,
        /** Expired an hour ago. */
        EXPIRED,
        /** Signed by a key the services do not trust. */
        WRONG_SIGNATURE,
        /** Signed by the trusted key, but for another API. */
        WRONG_AUDIENCE,
        /** Signed by the trusted key, but by another issuer. */
        WRONG_ISSUER,
        /** Valid, but its roles claim holds nothing Parley knows. */
        NO_ROLE,
        /** An OpenID Connect ID token: no roles, and its audience is a client's id. */
        ID_TOKEN,
        FACILITATOR,
        /** UA's team: the party the row is about. */
        OWN_PARTY,
        /** RU's team: at the table, but not the party the row is about. */
        OTHER_PARTY,
        /** CN's team: a valid party token for a party that does not sit at this negotiation. */
        PARTY_NOT_AT_THE_TABLE,
        OBSERVER
    }

    /** The rows: every endpoint, the command service's writes and the query service's reads. */
    public enum Endpoint {
        OPEN(true), MOVE(true), SIGN(true), COLLAPSE(true), DECLARE_RED_LINE(true), RETRACT_RED_LINE(true),
        LIST(false), DEAL(false), TIMELINE(false), ANALYSIS(false);

        private final boolean write;

        Endpoint(boolean write) {
            this.write = write;
        }

        /** A write: the command service's. */
        public boolean isWrite() {
            return write;
        }

        /** A read: the query service's. */
        public boolean isRead() {
            return !write;
        }

        public static List<Endpoint> writes() {
            return Arrays.stream(values()).filter(Endpoint::isWrite).toList();
        }

        public static List<Endpoint> reads() {
            return Arrays.stream(values()).filter(Endpoint::isRead).toList();
        }
    }

    // A token for another API, from another issuer, or an ID token (aud: a client's id, no roles) is not Parley's:
    // 401. A valid token of Parley's whose roles hold nothing Parley knows is refused: 403, never an observer. A party
    // not at the table writes nothing there, and reads what an observer reads.
    private static final Map<Endpoint, int[]> TABLE = table(
            //                             none malf. expired forged aud  iss  norole idtoken facil. own  other not-at observer
            row(Endpoint.OPEN,             401, 401,  401,    401,   401, 401, 403,   401,    201,   403, 403,  403,   403),
            row(Endpoint.MOVE,             401, 401,  401,    401,   401, 401, 403,   401,    403,   201, 403,  403,   403),
            row(Endpoint.SIGN,             401, 401,  401,    401,   401, 401, 403,   401,    403,   201, 403,  403,   403),
            row(Endpoint.COLLAPSE,         401, 401,  401,    401,   401, 401, 403,   401,    200,   403, 403,  403,   403),
            row(Endpoint.DECLARE_RED_LINE, 401, 401,  401,    401,   401, 401, 403,   401,    201,   201, 403,  403,   403),
            row(Endpoint.RETRACT_RED_LINE, 401, 401,  401,    401,   401, 401, 403,   401,    204,   204, 403,  403,   403),
            row(Endpoint.LIST,             401, 401,  401,    401,   401, 401, 403,   401,    200,   200, 200,  200,   200),
            row(Endpoint.DEAL,             401, 401,  401,    401,   401, 401, 403,   401,    200,   200, 200,  200,   200),
            row(Endpoint.TIMELINE,         401, 401,  401,    401,   401, 401, 403,   401,    200,   200, 200,  200,   200),
            row(Endpoint.ANALYSIS,         401, 401,  401,    401,   401, 401, 403,   401,    200,   403, 403,  403,   403));

    private AccessMatrix() {
    }

    /** The status {@code who} gets from {@code endpoint}. */
    public static int expected(Endpoint endpoint, Who who) {
        return TABLE.get(endpoint)[who.ordinal()];
    }

    /** Whether {@code who} gets through {@code endpoint} (a 2xx). */
    public static boolean allowed(Endpoint endpoint, Who who) {
        return expected(endpoint, who) < 300;
    }

    /**
     * The bearer token {@code who} shows to {@code endpoint}, or none for {@link Who#NO_TOKEN}. The tokens that are
     * not Parley's to accept belong to the row's first allowed caller: UA where a party may act, else the facilitator.
     * A new token each call.
     */
    public static Optional<String> token(Endpoint endpoint, Who who) {
        boolean partyMay = allowed(endpoint, Who.OWN_PARTY);
        String subject = partyMay ? "team-ua" : "facilitator";
        String role = partyMay ? "party:UA" : "facilitator";
        return Optional.ofNullable(switch (who) {
            case NO_TOKEN -> null;
            case MALFORMED -> "not-a-token";
            case EXPIRED -> TestTokens.expired(subject, role);
            case WRONG_SIGNATURE -> TestTokens.wrongSignature(subject, role);
            case WRONG_AUDIENCE -> TestTokens.wrongAudience(subject, role);
            case WRONG_ISSUER -> TestTokens.wrongIssuer(subject, role);
            case NO_ROLE -> TestTokens.withoutRole(subject);
            case ID_TOKEN -> TestTokens.idToken(subject);
            case FACILITATOR -> TestTokens.forActor("facilitator");
            case OWN_PARTY -> TestTokens.forActor("UA");
            case OTHER_PARTY -> TestTokens.forActor("RU");
            case PARTY_NOT_AT_THE_TABLE -> TestTokens.forActor("CN");
            case OBSERVER -> TestTokens.forActor("observer");
        });
    }

    /** The request headers of {@code who} at {@code endpoint}: {@code Authorization: Bearer <token>}, or none. */
    public static Map<String, String> headers(Endpoint endpoint, Who who) {
        return token(endpoint, who).map(token -> Map.of("Authorization", "Bearer " + token)).orElse(Map.of());
    }

    private record Row(Endpoint endpoint, int[] statuses) {
    }

    private static Row row(Endpoint endpoint, int... statuses) {
        if (statuses.length != Who.values().length) {
            throw new IllegalStateException(endpoint + " has " + statuses.length + " statuses for "
                    + Who.values().length + " kinds of caller");
        }
        return new Row(endpoint, statuses);
    }

    private static Map<Endpoint, int[]> table(Row... rows) {
        Map<Endpoint, int[]> table = new EnumMap<>(Endpoint.class);
        for (Row row : rows) {
            if (table.put(row.endpoint(), row.statuses()) != null) {
                throw new IllegalStateException(row.endpoint() + " has two rows");
            }
        }
        if (table.size() != Endpoint.values().length) {
            throw new IllegalStateException("rows missing: " + Arrays.stream(Endpoint.values())
                    .filter(e -> !table.containsKey(e)).toList());
        }
        return table;
    }
}
