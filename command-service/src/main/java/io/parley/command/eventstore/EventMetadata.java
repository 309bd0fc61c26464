package io.parley.command.eventstore;

/** Metadata keys on commands and on the events they cause. */
public final class EventMetadata {

    /** Who acted: a party id or {@code facilitator} (the request's {@code X-Actor}). */
    public static final String ACTOR = "actor";
    /** Shared by every event of one request ({@code X-Correlation-Id}, or generated). */
    public static final String CORRELATION_ID = "correlationId";
    /** The request's {@code Idempotency-Key}, when it had one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private EventMetadata() {
    }
}
