package io.parley.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads the event store's table directly, to prove what was (not) appended. */
public final class EventStoreTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public EventStoreTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored event: its type, payload and metadata as JSON. */
    public record StoredEvent(long sequenceNumber, String payloadType, JsonNode payload, JsonNode metaData) {
        public String type() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }
    }

    public long count(String negotiationId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateIdentifier = ?", Long.class,
                negotiationId);
        return n == null ? 0 : n;
    }

    public long countAll() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry", Long.class);
        return n == null ? 0 : n;
    }

    public List<StoredEvent> events(String negotiationId) {
        return jdbc.query("""
                        SELECT sequenceNumber, payloadType, payload, metaData FROM domainevententry
                        WHERE aggregateIdentifier = ? ORDER BY sequenceNumber""",
                (rs, i) -> new StoredEvent(rs.getLong(1), rs.getString(2), json(rs.getBytes(3)), json(rs.getBytes(4))),
                negotiationId);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
