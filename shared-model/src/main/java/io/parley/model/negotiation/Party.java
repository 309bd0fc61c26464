package io.parley.model.negotiation;

import java.util.regex.Pattern;

/** A side at the table, played by a team: {@code UA}, {@code RU}, ... */
public record Party(String id, String name) {

    /** Party ids appear in headers, tokens and red lines, so they are short identifiers. */
    public static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]{0,31}");

    /** The person who runs the session; never a party. */
    public static final String FACILITATOR = "facilitator";
}
