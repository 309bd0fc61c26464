package io.parley.query.timeline;

import io.parley.query.SqlText;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** The {@code timeline_entry} table: every applied event, by negotiation and version. */
@Repository
public class TimelineEntries {

    private static final String COLUMNS = "negotiation_id, version, event_id, event_type, occurred_at, actor,"
            + " correlation_id, data, actor_subject, actor_role";

    private final JdbcTemplate jdbc;

    public TimelineEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds entries in the caller's transaction. On PostgreSQL they go in with {@code COPY}, which a rebuild needs: it
     * writes every event once, and {@code COPY} takes rows about twice as fast as batched inserts (the primary key
     * is checked all the same, so an entry already there fails the whole call as an insert would).
     */
    public void insert(List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            if (connection.isWrapperFor(PGConnection.class)) {
                copy(connection.unwrap(PGConnection.class), entries);
            } else {
                insertInBatch(entries);
            }
            return null;
        });
    }

    private static void copy(PGConnection connection, List<TimelineEntry> entries) throws SQLException {
        StringBuilder rows = new StringBuilder(entries.size() * 800);
        for (TimelineEntry e : entries) {
            field(rows, e.negotiationId()).append('\t');
            rows.append(e.version()).append('\t');
            field(rows, SqlText.storable(e.eventId())).append('\t');
            field(rows, e.type()).append('\t');
            rows.append(SqlText.storable(e.at())).append('\t');
            field(rows, SqlText.storable(e.actor())).append('\t');
            field(rows, SqlText.storable(e.correlationId())).append('\t');
            field(rows, e.data()).append('\t');
            field(rows, SqlText.storable(e.actorSubject())).append('\t');
            field(rows, SqlText.storable(e.actorRole())).append('\n');
        }
        try {
            connection.getCopyAPI().copyIn("COPY timeline_entry (" + COLUMNS + ") FROM STDIN",
                    new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value in COPY's text format: {@code \N} for null; backslash, tab, newline and carriage return escaped. */
    static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }

    private void insertInBatch(List<TimelineEntry> entries) {
        jdbc.batchUpdate("INSERT INTO timeline_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entries, entries.size(),
                (ps, e) -> {
                    ps.setString(1, e.negotiationId());
                    ps.setLong(2, e.version());
                    ps.setString(3, SqlText.storable(e.eventId()));
                    ps.setString(4, e.type());
                    ps.setObject(5, SqlText.storable(e.at()));
                    ps.setString(6, SqlText.storable(e.actor()));
                    ps.setString(7, SqlText.storable(e.correlationId()));
                    ps.setString(8, e.data());
                    ps.setString(9, SqlText.storable(e.actorSubject()));
                    ps.setString(10, SqlText.storable(e.actorRole()));
                });
    }

    /** Up to {@code limit} entries of one negotiation from version {@code from} on, in version order. */
    public List<TimelineEntry> page(String negotiationId, long from, int limit) {
        return jdbc.query("SELECT negotiation_id, version, event_id, event_type, occurred_at, actor, correlation_id,"
                        + " data, actor_subject, actor_role FROM timeline_entry"
                        + " WHERE negotiation_id = ? AND version >= ?"
                        + " ORDER BY version FETCH FIRST " + limit + " ROWS ONLY",
                (rs, n) -> new TimelineEntry(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10)),
                negotiationId, from);
    }
}
