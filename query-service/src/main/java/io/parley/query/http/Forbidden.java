package io.parley.query.http;

/** The caller may not read this (a 403). */
public class Forbidden extends RuntimeException {
    public Forbidden(String message) {
        super(message);
    }
}
