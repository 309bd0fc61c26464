package io.parley.command.http;

/** The Idempotency-Key was first used for a different request (a 422). */
public class IdempotencyKeyReused extends RuntimeException {
    public IdempotencyKeyReused(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different request (method, path or body);"
                + " use a new key for a new request");
    }
}
