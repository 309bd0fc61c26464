package io.parley.model.json;

/** Bytes that are not a well-formed event of the public format. */
public class MalformedEvent extends RuntimeException {
    public MalformedEvent(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEvent(String message) {
        super(message);
    }
}
