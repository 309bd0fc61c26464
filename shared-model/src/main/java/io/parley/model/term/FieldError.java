package io.parley.model.term;

/** One problem with one field of a request: {@code field} is a dotted path such as {@code value.kind}. */
public record FieldError(String field, String message) {
}
