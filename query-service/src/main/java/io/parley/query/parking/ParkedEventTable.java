package io.parley.query.parking;

import io.parley.query.SqlText;
import io.parley.query.intake.ParkKind;
import io.parley.query.intake.Verdict;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code parked_event} table, and the only SQL on it: records the intake set aside, with their bytes, and what an
 * operator decided about them (status {@link ParkedStatus}).
 */
@Repository
class ParkedEventTable {

    /** Reasons can quote a whole exception message; a reason is for people, so a screenful is enough. */
    private static final int MAX_REASON = 2000;

    private final JdbcTemplate jdbc;

    ParkedEventTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Parks these records; a record already parked (redelivered after a crash between the database commit and the
     * offset commit: same position, key and bytes) is not parked twice.
     *
     * @return how many were inserted now
     */
    int insert(List<Verdict.Parked> parked) {
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
                    ps.setString(8, clip(p.reason()));
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
        jdbc.query("SELECT kind, COUNT(*) FROM parked_event WHERE status = 'PARKED' GROUP BY kind", rs -> {
            counts.put(ParkKind.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    /** How many records of this kind are still parked. */
    long countParked(ParkKind kind) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM parked_event WHERE status = 'PARKED' AND kind = ?",
                Long.class, kind.name());
        return n == null ? 0 : n;
    }

    /** When the record that has waited longest was parked; empty when none is parked. */
    Optional<Instant> oldestParkedAt() {
        OffsetDateTime oldest = jdbc.queryForObject("SELECT MIN(parked_at) FROM parked_event WHERE status = 'PARKED'",
                OffsetDateTime.class);
        return Optional.ofNullable(oldest).map(OffsetDateTime::toInstant);
    }

    /**
     * Parked records, oldest first.
     *
     * @param kind          only this kind; {@code null} for every kind
     * @param negotiationId only this negotiation's; {@code null} for all
     * @param status        only this status; {@code null} for every status
     */
    List<ParkedEntry> list(ParkKind kind, String negotiationId, ParkedStatus status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM parked_event WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (kind != null) {
            sql.append(" AND kind = ?");
            args.add(kind.name());
        }
        if (negotiationId != null) {
            sql.append(" AND negotiation_id = ?");
            args.add(negotiationId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        sql.append(" ORDER BY id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), ENTRY, args.toArray());
    }

    Optional<ParkedEntry> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM parked_event WHERE id = ?", ENTRY, id).stream().findFirst();
    }

    /** This record with its bytes, locked until the transaction ends so that two operators cannot both act on it. */
    Optional<Stored> lock(long id) {
        return jdbc.query("SELECT " + COLUMNS + ", payload FROM parked_event WHERE id = ? FOR UPDATE", STORED, id)
                .stream().findFirst();
    }

    /** The records of this negotiation that are still parked, in version order, locked until the transaction ends. */
    List<Stored> lockParkedOf(String negotiationId) {
        return jdbc.query("SELECT " + COLUMNS + ", payload FROM parked_event WHERE negotiation_id = ?"
                + " AND status = 'PARKED' ORDER BY version, id FOR UPDATE", STORED, negotiationId);
    }

    /** Marks a record retried or skipped, by whom and why. */
    void resolve(long id, ParkedStatus status, String by, String why) {
        jdbc.update("UPDATE parked_event SET status = ?, resolved_at = ?, resolved_by = ?, resolution_reason = ?"
                        + " WHERE id = ?", status.name(), OffsetDateTime.now(ZoneOffset.UTC),
                SqlText.storable(by), clip(why), id);
    }

    /** A retried record that still cannot apply: it stays parked, with why it cannot now. */
    void stillParked(long id, ParkKind kind, String reason) {
        jdbc.update("UPDATE parked_event SET kind = ?, reason = ? WHERE id = ?", kind.name(), clip(reason), id);
    }

    private static String clip(String text) {
        String storable = text == null ? "" : SqlText.storable(text);
        return storable.length() > MAX_REASON ? storable.substring(0, MAX_REASON) : storable;
    }

    /** A parked record and its bytes, as Kafka delivered them. */
    record Stored(ParkedEntry entry, byte[] payload) {
        ConsumerRecord<String, byte[]> record() {
            return new ConsumerRecord<>(entry.topic(), entry.partition(), entry.offset(), entry.key(), payload);
        }
    }

    private static final String COLUMNS = "id, kind, reason, topic, kafka_partition, kafka_offset, record_key,"
            + " negotiation_id, version, parked_at, status, resolved_at, resolved_by, resolution_reason";

    private static final RowMapper<ParkedEntry> ENTRY = (rs, n) -> entry(rs);
    private static final RowMapper<Stored> STORED = (rs, n) -> new Stored(entry(rs), rs.getBytes("payload"));

    private static ParkedEntry entry(ResultSet rs) throws SQLException {
        long version = rs.getLong("version");
        Long claimed = rs.wasNull() ? null : version;
        return new ParkedEntry(rs.getLong("id"), ParkKind.valueOf(rs.getString("kind")), rs.getString("reason"),
                rs.getString("topic"), rs.getInt("kafka_partition"), rs.getLong("kafka_offset"),
                rs.getString("record_key"), rs.getString("negotiation_id"), claimed,
                instant(rs, "parked_at"), ParkedStatus.valueOf(rs.getString("status")), instant(rs, "resolved_at"),
                rs.getString("resolved_by"), rs.getString("resolution_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
