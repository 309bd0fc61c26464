package io.parley.model.negotiation;

/** The caller may not do this to this negotiation (a 403), e.g. retract another party's red line. */
public class NotPermitted extends RuntimeException {
    public NotPermitted(String message) {
        super(message);
    }
}
