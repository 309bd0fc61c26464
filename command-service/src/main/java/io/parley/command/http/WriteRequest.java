package io.parley.command.http;

import io.parley.model.negotiation.Party;
import io.parley.model.term.FieldError;
import io.parley.model.term.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a write request says besides its body: who acts ({@code X-Actor}), the version the caller last saw
 * ({@code If-Match}), its {@code Idempotency-Key} and its correlation id.
 *
 * @param expectedVersion {@code null} when the request has no {@code If-Match}
 * @param idempotencyKey  {@code null} when the request has no {@code Idempotency-Key}
 */
public record WriteRequest(String actor, Long expectedVersion, String idempotencyKey, String correlationId,
                           String requestHash) {

    public static final String ACTOR_HEADER = "X-Actor";
    public static final String IF_MATCH_HEADER = "If-Match";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    public static final int MAX_IDEMPOTENCY_KEY = 128;

    /** {@code "3"} or {@code 3}; a weak tag never matches for a write. */
    private static final Pattern VERSION_TAG = Pattern.compile("\"(\\d{1,18})\"|(\\d{1,18})");

    /** Reads and checks the headers; every malformed one is named in one {@link InvalidInput}. */
    public static WriteRequest of(HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String actor = request.getHeader(ACTOR_HEADER);
        if (actor == null || actor.isBlank()) {
            errors.add(new FieldError(ACTOR_HEADER, "is required: the id of the party that acts, or " + Party.FACILITATOR));
        } else if (!Party.FACILITATOR.equals(actor) && !Party.ID.matcher(actor).matches()) {
            errors.add(new FieldError(ACTOR_HEADER, "must be a party id (" + Party.ID.pattern() + ") or "
                    + Party.FACILITATOR));
        }
        Long expectedVersion = null;
        String ifMatch = request.getHeader(IF_MATCH_HEADER);
        if (ifMatch != null) {
            Matcher m = VERSION_TAG.matcher(ifMatch.trim());
            if (m.matches()) {
                expectedVersion = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
            } else {
                errors.add(new FieldError(IF_MATCH_HEADER, "must be a version the negotiation had, such as \"3\""));
            }
        }
        String key = request.getHeader(IDEMPOTENCY_KEY_HEADER);
        if (key != null && (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY)) {
            errors.add(new FieldError(IDEMPOTENCY_KEY_HEADER, "must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters long"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new WriteRequest(actor, expectedVersion, key, CorrelationIdFilter.of(request), hash(request));
    }

    public boolean isFacilitator() {
        return Party.FACILITATOR.equals(actor);
    }

    /** Only the facilitator may do this. */
    public void requireFacilitator(String what) {
        if (!isFacilitator()) {
            throw new Forbidden("only the " + Party.FACILITATOR + " can " + what + "; " + ACTOR_HEADER + " is " + actor);
        }
    }

    /** Only {@code party} itself may do this: nobody moves or signs for another party. */
    public void requireActingParty(String party, String what) {
        if (!actor.equals(party)) {
            throw new Forbidden(ACTOR_HEADER + " " + actor + " cannot " + what + " for " + party
                    + "; a party acts only for itself");
        }
    }

    /** Identifies the request (method, path and body bytes) for the Idempotency-Key comparison. */
    private static String hash(HttpServletRequest request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(RequestBodyFilter.bodyOf(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
