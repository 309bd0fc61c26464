package io.parley.query.timeline;

import io.parley.query.SqlText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The {@code timeline_entry} table: every applied event, by negotiation and version. */
@Repository
public class TimelineEntries {

    private final JdbcTemplate jdbc;

    public TimelineEntries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO timeline_entry (negotiation_id, version, event_id, event_type, occurred_at,"
                        + " actor, correlation_id, data, actor_subject, actor_role)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entries, entries.size(),
                (ps, e) -> {
                    ps.setString(1, e.negotiationId());
                    ps.setLong(2, e.version());
                    ps.setString(3, SqlText.storable(e.eventId()));
                    ps.setString(4, e.type());
                    // Databases keep microseconds (PostgreSQL would round); truncate so every database says the same.
                    ps.setObject(5, e.at().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
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
