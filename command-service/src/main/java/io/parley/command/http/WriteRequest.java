package io.parley.command.http;

import io.parley.model.access.Caller;
import io.parley.model.access.Role;
import io.parley.model.negotiation.Party;
import io.parley.model.term.FieldError;
import io.parley.model.term.InvalidInput;
import io.parley.support.problem.Forbidden;
import io.parley.support.security.ActorHeader;
import io.parley.support.security.AuthMode;
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
 * @param mode            how the caller was identified, which refusals name
 * @param expectedVersion {@code null} when the request has no {@code If-Match}
 * @param idempotencyKey  {@code null} when the request has no {@code Idempotency-Key}
 */
public record WriteRequest(Caller caller, AuthMode mode, Long expectedVersion, String idempotencyKey,
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
        return new WriteRequest(caller.caller(), caller.mode(), expectedVersion, key, CorrelationIdFilter.of(request),
                hash(request));
    }

    /** The name recorded as the actor of the events: the party id, or {@code facilitator}. */
    public String actor() {
        return caller.actor();
    }

    /** Only the facilitator may do this. */
    public void requireFacilitator(String what) {
        if (!caller.isFacilitator()) {
            throw new Forbidden("only the " + Party.FACILITATOR + " can " + what + "; " + whoCalls());
        }
    }

    /** Only a credential for every negotiation may do this (open one: it could not reach what it opened). */
    public void requireUnlimited(String what) {
        if (caller.negotiations() != null) {
            throw new Forbidden("a credential limited to named negotiations cannot " + what);
        }
    }

    /** Only {@code party} itself may do this: nobody moves or signs for another party. */
    public void requireActingParty(String party, String what) {
        if (!caller.plays(party)) {
            throw new Forbidden(callerName() + " cannot " + what + " for " + party + "; a party acts only for itself");
        }
    }

    /**
     * Red lines are declared by their party or, on its behalf, by the facilitator; observers declare and retract
     * none. ({@code party} is {@code null} for a retraction, whose red line names its party.)
     */
    public void requireRedLineAuthor(String party, String what) {
        if (caller.isFacilitator()) {
            return;
        }
        if (caller.role() == Role.OBSERVER) {
            throw new Forbidden(callerName() + " is an observer and cannot " + what);
        }
        if (party != null && !caller.plays(party)) {
            throw new Forbidden(callerName() + " cannot " + what + " for " + party
                    + "; a party declares its own, the facilitator may declare for any party");
        }
    }

    /** {@code X-Actor UA}, or {@code the token of team-ua (party:UA)}. */
    private String callerName() {
        return mode == AuthMode.HEADER
                ? ACTOR_HEADER + " " + caller.actor()
                : "the token of " + caller.subject() + " (" + caller.roleName() + ")";
    }

    private String whoCalls() {
        return mode == AuthMode.HEADER
                ? ACTOR_HEADER + " is " + caller.actor()
                : "the token of " + caller.subject() + " has the role " + caller.roleName();
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
