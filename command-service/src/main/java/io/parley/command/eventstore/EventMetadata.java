package io.parley.command.eventstore;

/** Metadata keys on commands and on the events they cause. */
public final class EventMetadata {

    /** Who acted: a party id or {@code facilitator} ({@code Caller.actor()}). */
    public static final String ACTOR = "actor";
    /** The authenticated subject behind the request: a token's {@code sub} (in header mode, {@code X-Actor}). */
    public static final String ACTOR_SUBJECT = "actorSubject";
    /** The caller's role: {@code facilitator}, {@code party:<id>} or {@code observer} ({@code Caller.roleName()}). */
    public static final String ACTOR_ROLE = "actorRole";
    /** Shared by every event of one request ({@code X-Correlation-Id}, or generated). */
    public static final String CORRELATION_ID = "correlationId";
    /** The request's {@code Idempotency-Key}, when it had one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private EventMetadata() {
    }
}
