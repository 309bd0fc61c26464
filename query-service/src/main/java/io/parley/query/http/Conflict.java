package io.parley.query.http;

import java.util.Map;

/**
 * The request cannot be carried out in the state things are in (a 409 {@code rule-violation} problem whose
 * {@code code} says which rule, with any further facts as extra members).
 */
public class Conflict extends RuntimeException {

    private final String code;
    private final Map<String, Object> facts;

    public Conflict(String code, String message, Map<String, Object> facts) {
        super(message);
        this.code = code;
        this.facts = Map.copyOf(facts);
    }

    public String code() {
        return code;
    }

    public Map<String, Object> facts() {
        return facts;
    }
}
