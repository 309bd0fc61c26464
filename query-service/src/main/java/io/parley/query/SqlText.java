package io.parley.query;

/**
 * Text as the database can store it. PostgreSQL refuses the NUL character in text columns, and a refused write is
 * retried forever by the intake, so a stray NUL in an event would stall its partition: it becomes U+FFFD in columns.
 * JSON columns need nothing of this: Jackson writes NUL as the escape {@code \u0000}.
 */
public final class SqlText {

    private SqlText() {
    }

    public static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    public static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }
}
