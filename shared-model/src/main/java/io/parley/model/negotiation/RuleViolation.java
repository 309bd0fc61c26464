package io.parley.model.negotiation;

/**
 * A well-formed request that the rules of the negotiation refuse in its current state (a 409): accepting
 * one's own proposal, moving after conclusion, a party that is not at the table, ...
 *
 * @see #code() a stable, machine-readable reason
 */
public class RuleViolation extends RuntimeException {

    private final String code;

    public RuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
