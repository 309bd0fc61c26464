package io.parley.command.http;

/** The caller may not do this (a 403). */
public class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
