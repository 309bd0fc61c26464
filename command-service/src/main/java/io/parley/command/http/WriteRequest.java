package io.parley.command.http;

import io.parley.model.access.Caller;
import io.parley.model.term.FieldError;
import io.parley.model.term.InvalidInput;
import io.parley.support.security.ActorHeader;
import io.parley.support.security.CallerAuthentication;
import io.parley.support.security.CurrentCaller;
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
 * What a write request says besides its body: who calls (its {@link Caller}, from the token or in header mode from
 * {@code X-Actor}), the version the caller last saw ({@code If-Match}), its {@code Idempotency-Key} and its
 * correlation id.
 *
 * @param expectedVersion {@code null} when the request has no {@code If-Match}
 * @param idempotencyKey  {@code null} when the request has no {@code Idempotency-Key}
 */
public record WriteRequest(Caller caller, Long expectedVersion, String idempotencyKey,
                           String correlationId, String requestHash) {

    public static final String ACTOR_HEADER = ActorHeader.NAME;
    public static final String IF_MATCH_HEADER = "If-Match";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    public static final int MAX_IDEMPOTENCY_KEY = 128;

    /** {@code "3"} or {@code 3}; a weak tag never matches for a write. */
    private static final Pattern VERSION_TAG = Pattern.compile("\"(\\d{1,18})\"|(\\d{1,18})");

    /** Reads and checks the headers; every malformed one is named in one {@link InvalidInput}. */
    public static WriteRequest of(HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>();
        CallerAuthentication caller = CurrentCaller.get().orElse(null);
        if (caller == null) {
            // Header mode without a usable X-Actor: token mode lets no unauthenticated request reach a write.
            errors.add(ActorHeader.problem(request.getHeader(ACTOR_HEADER)).orElseThrow());
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
        return new WriteRequest(caller.caller(), expectedVersion, key, CorrelationIdFilter.of(request),
                hash(request));
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
