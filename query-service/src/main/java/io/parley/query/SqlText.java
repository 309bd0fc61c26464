package io.parley.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Text and times as the database can store them. PostgreSQL refuses the NUL character in text columns, and a refused
 * write is retried forever by the intake, so a stray NUL in an event would stall its partition: it becomes U+FFFD in
 * columns.
 * JSON columns need nothing of this: Jackson writes NUL as the escape {@code \u0000}.
 */
public final class SqlText {

    private SqlText() {
    }

    public static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    /** Databases keep microseconds (PostgreSQL would round); truncated so that every database stores the same. */
    public static OffsetDateTime storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }
}
