package io.parley.command.http;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code idempotency_record} table: the first answer to each (caller, Idempotency-Key). The {@code actor}
 * column holds the caller's subject (in header mode its {@code X-Actor}), so two people playing one party never
 * get each other's answers.
 */
@Repository
public class IdempotencyRecords {

    /**
     * @param headers the answer's Location and ETag headers as a JSON object
     */
    public record Answer(String actor, String key, String requestHash, int status, String body, String headers) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Answer> find(String actor, String key) {
        return jdbc.query("""
                        SELECT actor, idempotency_key, request_hash, status, response_body, headers
                        FROM idempotency_record WHERE actor = ? AND idempotency_key = ?""",
                (rs, i) -> new Answer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6)),
                actor, key).stream().findFirst();
    }

    /** Fails with a {@code DuplicateKeyException} when another request recorded this key first. */
    public void insert(Answer answer, Instant at) {
        jdbc.update("""
                        INSERT INTO idempotency_record
                            (actor, idempotency_key, request_hash, status, response_body, headers, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""",
                answer.actor(), answer.key(), answer.requestHash(), answer.status(), answer.body(), answer.headers(),
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    /** @return how many answers were forgotten */
    public int deleteOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?",
                OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
    }
}
