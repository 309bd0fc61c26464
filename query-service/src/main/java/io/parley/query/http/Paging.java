package io.parley.query.http;

import io.parley.model.term.InvalidInput;

/** Reads numeric query parameters so that a bad one is a 400 naming the parameter. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    /** {@code limit}: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    public static int limit(String value) {
        return (int) whole("limit", value, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** A whole number from 1 to {@code max}, or {@code fallback} when absent. */
    public static long whole(String name, String value, long fallback, long max) {
        if (value == null) {
            return fallback;
        }
        String expected = max == Long.MAX_VALUE ? "must be a whole number of at least 1"
                : "must be a whole number from 1 to " + max;
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, expected + ", was '" + value + "'");
        }
        if (n < 1 || n > max) {
            throw new InvalidInput(name, expected + ", was " + n);
        }
        return n;
    }
}
