package io.parley.query.intake;

import io.parley.query.SqlText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The {@code parked_event} table: records the intake set aside, with their bytes. */
@Repository
class ParkedEvents {

    /** Reasons can quote a whole exception message; a reason is for people, so a screenful is enough. */
    private static final int MAX_REASON = 2000;

    private final JdbcTemplate jdbc;

    ParkedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Parks these records; a record already parked (redelivered after a crash between the database commit and the
     * offset commit: same position, key and bytes) is not parked twice.
     *
     * @return how many were parked now
     */
    int park(List<ParkedRecord> parked) {
        if (parked.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int[][] counts = jdbc.batchUpdate("INSERT INTO parked_event (topic, kafka_partition, kafka_offset, record_key,"
                        + " negotiation_id, version, kind, reason, payload, parked_at)"
                        + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM (VALUES (1)) AS one (x) WHERE NOT EXISTS"
                        + " (SELECT 1 FROM parked_event WHERE topic = ? AND kafka_partition = ? AND kafka_offset = ?"
                        + " AND record_key IS NOT DISTINCT FROM ? AND payload IS NOT DISTINCT FROM ?)",
                parked, parked.size(), (ps, p) -> {
                    ps.setString(1, p.record().topic());
                    ps.setInt(2, p.record().partition());
                    ps.setLong(3, p.record().offset());
                    ps.setString(4, SqlText.storable(p.record().key()));
                    ps.setString(5, SqlText.storable(p.negotiationId()));
                    if (p.version() == null) {
                        ps.setNull(6, Types.BIGINT);
                    } else {
                        ps.setLong(6, p.version());
                    }
                    ps.setString(7, p.kind().name());
                    String reason = p.reason() == null ? "" : SqlText.storable(p.reason());
                    ps.setString(8, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
                    ps.setBytes(9, p.record().value());
                    ps.setObject(10, now);
                    ps.setString(11, p.record().topic());
                    ps.setInt(12, p.record().partition());
                    ps.setLong(13, p.record().offset());
                    ps.setString(14, SqlText.storable(p.record().key()));
                    ps.setBytes(15, p.record().value());
                });
        // A driver that reports "done, count unknown" parked the record as far as it can tell.
        return Arrays.stream(counts).flatMapToInt(Arrays::stream)
                .map(n -> n == Statement.SUCCESS_NO_INFO ? 1 : Math.max(n, 0)).sum();
    }

    /** How many records are parked, by kind (every kind present, zero when none). */
    Map<ParkKind, Long> countByKind() {
        Map<ParkKind, Long> counts = new EnumMap<>(ParkKind.class);
        for (ParkKind kind : ParkKind.values()) {
            counts.put(kind, 0L);
        }
        jdbc.query("SELECT kind, COUNT(*) FROM parked_event GROUP BY kind", rs -> {
            counts.put(ParkKind.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }
}
