package io.parley.support.problem;

/** The caller may not do or read this: a 403 {@code forbidden} problem whose detail is the message. */
public class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
