package io.parley.command.http;

/** The actor named by {@code X-Actor} may not do this (a 403). */
public class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
