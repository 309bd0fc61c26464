package io.parley.command.negotiation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The moves a party can make, and the request fields each one takes besides {@code party}, {@code kind} and {@code rationale}. */
public enum MoveKind {
    /** Put a value on the table for a term. */
    PROPOSE(Set.of("term", "value")),
    /** Accept another party's pending proposal ({@code moveId}). */
    ACCEPT(Set.of("moveId")),
    /** Reject another party's pending proposal. */
    REJECT(Set.of("moveId")),
    /** Take back one's own pending proposal. */
    WITHDRAW(Set.of("moveId")),
    /** Answer another party's pending proposal with a different value for the same term. */
    COUNTER(Set.of("moveId", "value"));

    /** Fields that depend on the kind. */
    public static final List<String> VARIABLE_FIELDS = List.of("term", "moveId", "value");

    private final Set<String> fields;

    MoveKind(Set<String> fields) {
        this.fields = fields;
    }

    public boolean takes(String field) {
        return fields.contains(field);
    }

    public static Optional<MoveKind> parse(String kind) {
        return Arrays.stream(values()).filter(k -> k.name().equals(kind)).findFirst();
    }
}
