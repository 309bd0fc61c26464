package io.parley.query.support;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** A negotiation to project, and what the projection tables hold of one, for tests on either side of the intake. */
public final class Projected {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Projected() {
    }

    public static Session agreedNatoPause(String title) {
        Session session = Session.openUkraine(title);
        String pause = session.propose("UA", "nato_membership", "\"PAUSED\"", null);
        session.accept("RU", pause);
        session.accept("US", pause);
        session.accept("EU", pause);
        return session;
    }

    public static void awaitVersion(QueryService service, String negotiationId, long version) {
        await().atMost(PATIENCE).until(() -> version(service, negotiationId) == version);
    }

    public static long version(QueryService service, String negotiationId) {
        return service.jdbc().queryForList("SELECT version FROM deal_projection WHERE negotiation_id = ?",
                Long.class, negotiationId).stream().findFirst().orElse(0L);
    }

    public static long timelineRows(QueryService service, String negotiationId) {
        return service.jdbc().queryForObject("SELECT COUNT(*) FROM timeline_entry WHERE negotiation_id = ?",
                Long.class, negotiationId);
    }

    public static long parkedRows(QueryService service, String negotiationId) {
        return service.jdbc().queryForObject("SELECT COUNT(*) FROM parked_event WHERE negotiation_id = ?",
                Long.class, negotiationId);
    }
}
