package io.parley.query.http;

/** The caller asked for something that does not exist (a 404). */
public class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }

    public static NotFound negotiation(String id) {
        return new NotFound("no negotiation '" + id + "' is known here (events reach this service moments after"
                + " they are stored)");
    }
}
