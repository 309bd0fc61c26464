package io.parley.support.security;

import io.parley.model.negotiation.Party;
import io.parley.model.term.FieldError;

import java.util.Optional;

/** The {@code X-Actor} header of header mode: a party id, {@code facilitator} or {@code observer}. */
public final class ActorHeader {

    public static final String NAME = "X-Actor";

    private ActorHeader() {
    }

    /** What is wrong with the header's value, if anything. */
    public static Optional<FieldError> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(new FieldError(NAME, "is required: the id of the party that acts, or " + Party.FACILITATOR));
        }
        if (!Party.FACILITATOR.equals(value) && !Party.ID.matcher(value).matches()) {
            return Optional.of(new FieldError(NAME, "must be a party id (" + Party.ID.pattern() + ") or "
                    + Party.FACILITATOR));
        }
        return Optional.empty();
    }
}
