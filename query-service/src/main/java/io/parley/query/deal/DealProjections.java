package io.parley.query.deal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.negotiation.NegotiationStatus;
import io.parley.model.negotiation.Party;
import io.parley.query.SqlText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The {@code deal_projection} table: one row per negotiation, the deal as it stands. */
@Repository
public class DealProjections {

    /** Keeps IN lists well inside every database's limit on bind parameters. */
    private static final int CHUNK = 500;
    private static final TypeReference<List<Party>> PARTIES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ObjectMapper json = EventJson.mapper();

    public DealProjections(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * Locks the rows of these negotiations until the transaction ends and returns their versions; a negotiation
     * without a row is absent from the result. Rows are locked in id order so that two consumers that briefly share
     * negotiations during a rebalance cannot deadlock.
     */
    public Map<String, Long> lockVersions(Collection<String> negotiationIds) {
        Map<String, Long> versions = new HashMap<>();
        for (List<String> chunk : chunks(new TreeSet<>(negotiationIds))) {
            named.query("SELECT negotiation_id, version FROM deal_projection WHERE negotiation_id IN (:ids)"
                            + " ORDER BY negotiation_id FOR UPDATE", Map.of("ids", chunk),
                    rs -> {
                        versions.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return versions;
    }

    /** The stored deal states of these negotiations. */
    public Map<String, DealState> states(Collection<String> negotiationIds) {
        Map<String, DealState> states = new HashMap<>();
        for (List<String> chunk : chunks(negotiationIds)) {
            named.query("SELECT negotiation_id, state FROM deal_projection WHERE negotiation_id IN (:ids)",
                    Map.of("ids", chunk), rs -> {
                        states.put(rs.getString(1), readState(rs.getString(2)));
                    });
        }
        return states;
    }

    public void insert(List<DealRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO deal_projection (title, scenario, status, version, parties, state, updated_at,"
                        + " opened_at, negotiation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, rows.size(),
                (ps, row) -> {
                    bindChanges(ps, row);
                    ps.setObject(8, SqlText.storable(row.openedAt()));
                    ps.setString(9, row.state().negotiationId());
                });
    }

    public void update(List<DealRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("UPDATE deal_projection SET title = ?, scenario = ?, status = ?, version = ?, parties = ?,"
                        + " state = ?, updated_at = ? WHERE negotiation_id = ?", rows, rows.size(),
                (ps, row) -> {
                    bindChanges(ps, row);
                    ps.setString(8, row.state().negotiationId());
                });
    }

    private void bindChanges(PreparedStatement ps, DealRow row) throws SQLException {
        DealState s = row.state();
        ps.setString(1, SqlText.storable(s.title()));
        ps.setString(2, SqlText.storable(s.scenario()));
        ps.setString(3, s.status().name());
        ps.setLong(4, s.version());
        ps.setString(5, write(s.parties()));
        ps.setString(6, write(s));
        ps.setObject(7, SqlText.storable(row.updatedAt()));
    }

    public boolean exists(String negotiationId) {
        return !jdbc.queryForList("SELECT 1 FROM deal_projection WHERE negotiation_id = ?", Integer.class,
                negotiationId).isEmpty();
    }

    /** The deal as it stands, or empty when no event of this negotiation has been applied. */
    public Optional<DealState> find(String negotiationId) {
        return jdbc.query("SELECT state FROM deal_projection WHERE negotiation_id = ?",
                (rs, n) -> readState(rs.getString(1)), negotiationId).stream().findFirst();
    }

    /**
     * Summaries, most recently changed first.
     *
     * @param status only negotiations in this status, or {@code null} for all
     * @param only   only these negotiations, or {@code null} for all
     */
    public List<NegotiationSummary> list(NegotiationStatus status, int limit, Set<String> only) {
        if (only != null && only.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT negotiation_id, title, scenario, status, version, parties,"
                + " updated_at FROM deal_projection WHERE 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (status != null) {
            sql.append(" AND status = :status");
            parameters.put("status", status.name());
        }
        if (only != null) {
            // A credential names a handful of negotiations, well inside every database's bind-parameter limit.
            sql.append(" AND negotiation_id IN (:only)");
            parameters.put("only", only);
        }
        sql.append(" ORDER BY updated_at DESC, negotiation_id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return named.query(sql.toString(), parameters, this::summary);
    }

    private NegotiationSummary summary(ResultSet rs, int rowNum) throws SQLException {
        return new NegotiationSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                NegotiationStatus.valueOf(rs.getString(4)), rs.getLong(5), read(rs.getString(6), PARTIES),
                rs.getObject(7, OffsetDateTime.class).toInstant());
    }

    private DealState readState(String text) {
        return read(text, new TypeReference<>() {
        });
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored projection is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
