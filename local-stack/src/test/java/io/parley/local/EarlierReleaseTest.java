package io.parley.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.command.CommandServiceApplication;
import io.parley.local.e2e.TestStack;
import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.query.QueryServiceApplication;
import io.parley.testing.TestDatabase;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The import of an earlier release's data directory, on one written the way that release ran: the current services
 * on H2 files in the data directory, driven over HTTP. Imported into fresh PostgreSQL databases (schemas on the
 * server named by {@code NEGOTIATION_TEST_JDBC_URL} when it is set, else an embedded PostgreSQL), and then served by
 * the services on PostgreSQL.
 */
class EarlierReleaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final List<String> H2_FILES = List.of("command-db.mv.db", "query-db.mv.db");
    /** The id the parked record written into the earlier release's database has: later ones must come after it. */
    private static final long PARKED_ID = 41;

    @TempDir
    static Path written;

    /** The data directory as the earlier release left it: the two H2 files (a pristine copy for each test). */
    private static Path release;
    private static Path kafkaDir;
    /** The last version of each negotiation, as command-service answered. */
    private static final Map<String, Long> versions = new LinkedHashMap<>();
    /** What the facilitator saw of each negotiation before the import: deal and timeline. */
    private static final Map<String, JsonNode> dealsBefore = new LinkedHashMap<>();
    private static final Map<String, JsonNode> timelinesBefore = new LinkedHashMap<>();
    private static Postgres postgres;

    @TempDir
    Path work;

    // ------------------------------------------------------------------ the earlier release, on H2

    @BeforeAll
    static void anEarlierReleaseRanOnH2() throws Exception {
        release = Files.createDirectories(written.resolve("data"));
        kafkaDir = release.resolve("kafka");
        try (KafkaBroker broker = new KafkaBroker(kafkaDir, 0).start()) {
            // How the earlier release's local stack reached its databases (StackSettings.h2Url, user sa).
            Services services = Services.start(broker, h2("command-db"), "sa", "", h2("query-db"), "sa", "");
            try (services) {
                playASession(services);
                // Snapshots are taken on a thread of their own, after the events that trigger them.
                await("a snapshot").atMost(CATCH_UP).until(() -> count(services.commandDatabase(),
                        "snapshotevententry") > 0);
                for (String negotiation : versions.keySet()) {
                    await("the deal of " + negotiation + " projected").atMost(CATCH_UP).until(() -> {
                        Reply deal = services.get("/api/negotiations/" + negotiation + "/deal", "observer");
                        return deal.status() == 200 && deal.json().path("version").asLong()
                                == versions.get(negotiation);
                    });
                    dealsBefore.put(negotiation, services.get("/api/negotiations/" + negotiation + "/deal",
                            "facilitator").json());
                    timelinesBefore.put(negotiation, services.get("/api/negotiations/" + negotiation
                            + "/timeline?limit=1000", "facilitator").json());
                }
            }
        }
        // A record the intake could not apply, as query-service parks one: the projection's identity column.
        try (Connection c = DriverManager.getConnection(h2("query-db"), "sa", "");
             PreparedStatement s = c.prepareStatement("INSERT INTO parked_event (id, topic, kafka_partition,"
                     + " kafka_offset, record_key, kind, reason, payload, parked_at) VALUES (?, 'negotiation.events',"
                     + " 2, 17, 'n-x', 'MALFORMED', 'not an event', ?, ?)")) {
            s.setLong(1, PARKED_ID);
            s.setBytes(2, new byte[]{0, 1, 2, (byte) 0xff});
            s.setObject(3, OffsetDateTime.parse("2026-01-02T03:04:05.123456+02:00"));
            s.executeUpdate();
        }
        // A process that was killed keeps its claim on the publisher's position.
        try (Connection c = DriverManager.getConnection(h2("command-db"), "sa", "");
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE tokenentry SET owner = '4242@an-earlier-host'")).isPositive();
        }
        assertThat(H2_FILES).allSatisfy(f -> assertThat(release.resolve(f)).isRegularFile());
        postgres = new Postgres();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String h2(String name) {
        return "jdbc:h2:file:" + release.resolve(name) + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Three negotiations: a shipped scenario with a term agreed by all, a red line and a move sent with an
     * Idempotency-Key; another with a counter and a rejection; a small custom table agreed by its two parties.
     */
    private static void playASession(Services services) {
        String ukraine = open(services, Map.of("scenario", "ukraine-2025"));
        String pause = move(services, ukraine, "UA", Map.of("kind", "PROPOSE", "term", "nato_membership",
                "value", "PAUSED"));
        for (String party : List.of("RU", "US", "EU")) {
            move(services, ukraine, party, Map.of("kind", "ACCEPT", "moveId", pause));
        }
        Reply redLine = services.post("/api/negotiations/" + ukraine + "/red-lines", "RU",
                Map.of("party", "RU", "title", "Ukraine never in NATO", "expression",
                        "deal.nato_membership != 'PURSUE'"), Map.of());
        assertThat(redLine.status()).as(redLine.toString()).isEqualTo(201);
        versions.put(ukraine, redLine.json().path("version").asLong());
        Reply keyed = services.post("/api/negotiations/" + ukraine + "/moves", "UA",
                Map.of("party", "UA", "kind", "PROPOSE", "term", "army_cap", "value", "UNLIMITED"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(keyed.status()).as(keyed.toString()).isEqualTo(201);
        versions.put(ukraine, keyed.json().path("version").asLong());

        String second = open(services, Map.of("scenario", "ukraine-2025", "title", "Second table"));
        String pursue = move(services, second, "UA", Map.of("kind", "PROPOSE", "term", "nato_membership",
                "value", "PURSUE"));
        String paused = move(services, second, "RU", Map.of("kind", "COUNTER", "moveId", pursue, "value", "PAUSED"));
        move(services, second, "UA", Map.of("kind", "REJECT", "moveId", paused));

        String small = open(services, Map.of("title", "Two parties",
                "parties", List.of(Map.of("id", "A"), Map.of("id", "B")),
                "terms", List.of(Map.of("id", "t1", "type", "ENUM", "values", List.of("V1", "V2")))));
        String v1 = move(services, small, "A", Map.of("kind", "PROPOSE", "term", "t1", "value", "V1"));
        move(services, small, "B", Map.of("kind", "ACCEPT", "moveId", v1));
    }

    private static String open(Services services, Map<String, Object> body) {
        Reply opened = services.post("/api/negotiations", "facilitator", body, Map.of());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.json().path("id").asText();
        versions.put(id, opened.json().path("version").asLong());
        return id;
    }

    /** A move by {@code party}; its id. */
    private static String move(Services services, String negotiation, String party, Map<String, Object> move) {
        Map<String, Object> body = new LinkedHashMap<>(move);
        body.put("party", party);
        Reply made = services.post("/api/negotiations/" + negotiation + "/moves", party, body, Map.of());
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        versions.put(negotiation, made.json().path("version").asLong());
        return made.json().path("moveId").asText();
    }

    // ------------------------------------------------------------------ the import

    @Test
    void theEarlierReleasesNegotiationsAreImportedCheckedAndServedFromPostgres() throws Exception {
        Path dataDir = copyOfTheRelease();
        Contents before = Contents.ofH2(dataDir);
        Postgres.Pair databases = postgres.freshPair("full");

        EarlierRelease.Imported imported = EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(),
                databases.query().dataSource()).orElseThrow();

        long events = versions.values().stream().mapToLong(Long::longValue).sum();
        assertThat(imported.negotiations()).isEqualTo(versions.size());
        assertThat(imported.events()).isEqualTo(events);
        assertThat(imported.backupDir()).isEqualTo(dataDir.resolve("h2-backup"));
        assertThat(imported.took()).isPositive();
        assertThat(imported.message()).isEqualTo("Imported 3 negotiations (" + events + " events) from the H2"
                + " databases of an earlier release into PostgreSQL; the H2 files are kept in "
                + dataDir.resolve("h2-backup") + " as a backup.");
        System.out.printf("imported %d events in %d ms%n", events, imported.took().toMillis());

        Contents after = Contents.ofPostgres(databases);
        // Every event, with its global index, sequence number and payload.
        assertThat(after.events()).hasSize((int) events).isEqualTo(before.events());
        for (String negotiation : versions.keySet()) {
            DealState fold = DealState.of(after.eventsOf(negotiation));
            assertThat(fold).as("fold of %s", negotiation).isEqualTo(DealState.of(before.eventsOf(negotiation)));
            assertThat(fold.version()).as("version of %s", negotiation).isEqualTo(versions.get(negotiation));
        }
        // Every row of every table of both services, the query side's and the snapshots among them.
        assertThat(after.tables().keySet()).containsExactlyInAnyOrderElementsOf(before.tables().keySet());
        assertThat(before.tables().get("snapshotevententry")).isNotEmpty();
        assertThat(before.tables().get("idempotency_record")).hasSize(1);
        assertThat(before.tables().get("parked_event")).hasSize(1);
        assertThat(before.tables().get("deal_projection")).hasSize(3);
        assertThat(before.tables().get("timeline_entry")).hasSize((int) events);
        before.tables().forEach((table, rows) ->
                assertThat(after.tables().get(table)).as("rows of %s", table).isEqualTo(rows));
        assertThat(after.tokenOwners()).isNotEmpty().containsOnlyNulls();

        assertThat(H2_FILES).allSatisfy(f -> {
            assertThat(dataDir.resolve(f)).doesNotExist();
            assertThat(dataDir.resolve("h2-backup").resolve(f)).isRegularFile();
        });
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("h2-backup")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(),
                databases.query().dataSource())).isEmpty();

        theServicesOnPostgresServeTheSameSessionAndGoOn(databases, after);
    }

    /** The user's view of "no session lost": the same deals and timelines, and new moves get new numbers. */
    private void theServicesOnPostgresServeTheSameSessionAndGoOn(Postgres.Pair databases, Contents imported)
            throws SQLException {
        try (KafkaBroker broker = new KafkaBroker(kafkaDir, 0).start();
             Services services = Services.start(broker, databases.command().url(), databases.command().user(),
                     databases.command().password(), databases.query().url(), databases.query().user(),
                     databases.query().password())) {
            for (String negotiation : versions.keySet()) {
                assertThat(services.get("/api/negotiations/" + negotiation + "/deal", "facilitator").json())
                        .as("deal of %s", negotiation).isEqualTo(dealsBefore.get(negotiation));
                assertThat(services.get("/api/negotiations/" + negotiation + "/timeline?limit=1000", "facilitator")
                        .json()).as("timeline of %s", negotiation).isEqualTo(timelinesBefore.get(negotiation));
            }

            String negotiation = versions.keySet().iterator().next();
            Reply made = services.post("/api/negotiations/" + negotiation + "/moves", "RU",
                    Map.of("party", "RU", "kind", "PROPOSE", "term", "eu_membership", "value", "PAUSED"), Map.of());
            assertThat(made.status()).as(made.toString()).isEqualTo(201);
            long version = made.json().path("version").asLong();
            assertThat(version).isEqualTo(versions.get(negotiation) + 1);
            long highestImported = imported.events().stream().mapToLong(StoredEvent::globalIndex).max().orElseThrow();
            try (Connection c = databases.command().dataSource().getConnection();
                 Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT max(globalIndex) FROM domainevententry")) {
                rows.next();
                assertThat(rows.getLong(1)).as("the new event's global index").isEqualTo(highestImported + 1);
            }
            await("the new move projected").atMost(CATCH_UP).until(() -> services
                    .get("/api/negotiations/" + negotiation + "/deal", "observer").json().path("version").asLong()
                    == version);
            assertThat(services.get("/api/negotiations/" + negotiation + "/timeline?limit=1000", "facilitator")
                    .json()).hasSize((int) version);
        }
        try (Connection c = databases.query().dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet id = s.executeQuery("INSERT INTO parked_event (topic, kafka_partition, kafka_offset, kind,"
                     + " reason, parked_at) VALUES ('negotiation.events', 0, 1, 'GAP', 'a later one', now())"
                     + " RETURNING id")) {
            id.next();
            assertThat(id.getLong(1)).as("the next parked record's id").isEqualTo(PARKED_ID + 1);
        }
    }

    @Test
    void anImportThatCommittedButDidNotMoveTheFilesIsFinishedByMovingThem() throws Exception {
        Path dataDir = copyOfTheRelease();
        Postgres.Pair databases = postgres.freshPair("interrupted");
        EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(), databases.query().dataSource())
                .orElseThrow();
        Contents imported = Contents.ofPostgres(databases);
        putTheFilesBack(dataDir, H2_FILES);

        EarlierRelease.Imported finished = EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(),
                databases.query().dataSource()).orElseThrow();

        assertThat(finished.negotiations()).isEqualTo(versions.size());
        assertThat(finished.events()).isEqualTo(imported.events().size());
        assertThat(Contents.ofPostgres(databases)).isEqualTo(imported);
        assertThat(H2_FILES).allSatisfy(f -> {
            assertThat(dataDir.resolve(f)).doesNotExist();
            assertThat(dataDir.resolve("h2-backup").resolve(f)).isRegularFile();
        });
    }

    @Test
    void anImportStoppedBetweenItsTwoCommitsOrItsTwoMovesIsFinished() throws Exception {
        Path dataDir = copyOfTheRelease();
        Postgres.Pair databases = postgres.freshPair("between");
        EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(), databases.query().dataSource())
                .orElseThrow();
        Contents imported = Contents.ofPostgres(databases);

        // The event store committed, the projections did not.
        putTheFilesBack(dataDir, H2_FILES);
        try (Connection c = databases.query().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE deal_projection, timeline_entry, parked_event");
        }
        EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(), databases.query().dataSource())
                .orElseThrow();
        assertThat(Contents.ofPostgres(databases)).isEqualTo(imported);

        // The event store's file was moved, the projections' was not.
        putTheFilesBack(dataDir, List.of("query-db.mv.db"));
        assertThat(dataDir.resolve("command-db.mv.db")).doesNotExist();
        EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(), databases.query().dataSource())
                .orElseThrow();
        assertThat(Contents.ofPostgres(databases)).isEqualTo(imported);
        assertThat(H2_FILES).allSatisfy(f -> {
            assertThat(dataDir.resolve(f)).doesNotExist();
            assertThat(dataDir.resolve("h2-backup").resolve(f)).isRegularFile();
        });
    }

    @Test
    void aPostgresHoldingOtherEventsIsLeftAloneAndSoAreTheH2Files() throws Exception {
        Path dataDir = copyOfTheRelease();
        Postgres.Pair databases = postgres.freshPair("other");
        EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(), databases.query().dataSource())
                .orElseThrow();
        putTheFilesBack(dataDir, H2_FILES);
        try (Connection c = databases.command().dataSource().getConnection(); Statement s = c.createStatement()) {
            // The same moves in negotiations of other ids: events this data directory never held.
            s.execute("UPDATE domainevententry SET aggregateIdentifier = 'other-' || aggregateIdentifier");
        }
        Contents others = Contents.ofPostgres(databases);
        Contents h2 = Contents.ofH2(dataDir);

        assertThatThrownBy(() -> EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(),
                databases.query().dataSource()))
                .isInstanceOf(EarlierRelease.Refused.class)
                .hasMessage("Not importing the H2 databases of an earlier release in " + dataDir + ": the PostgreSQL"
                        + " event store already holds " + others.events().size() + " events that are not a copy of"
                        + " command-db.mv.db. Nothing was changed. To import the earlier release's negotiations,"
                        + " start on empty PostgreSQL databases (the embedded one: move " + dataDir.resolve("postgres")
                        + " aside); to keep what PostgreSQL holds, move command-db.mv.db and query-db.mv.db out of "
                        + dataDir + ".");

        assertThat(Contents.ofPostgres(databases)).isEqualTo(others);
        assertThat(H2_FILES).allSatisfy(f -> {
            assertThat(dataDir.resolve(f)).isRegularFile();
            assertThat(dataDir.resolve("h2-backup").resolve(f)).doesNotExist();
        });
        assertThat(Contents.ofH2(dataDir)).isEqualTo(h2);
    }

    @Test
    void onlyOneOfTheTwoH2FilesIsRefusedAndNoneIsNothingToDo() throws Exception {
        Path dataDir = copyOfTheRelease();
        Postgres.Pair databases = postgres.freshPair("half");
        Files.delete(dataDir.resolve("query-db.mv.db"));

        assertThatThrownBy(() -> EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(),
                databases.query().dataSource()))
                .isInstanceOf(EarlierRelease.Refused.class)
                .hasMessageContaining("holds command-db.mv.db of an earlier release but not query-db.mv.db");
        assertThat(dataDir.resolve("command-db.mv.db")).isRegularFile();
        assertThat(count(databases.command().dataSource(), "information_schema.tables WHERE table_schema ="
                + " current_schema()")).as("tables made in PostgreSQL").isZero();

        Files.delete(dataDir.resolve("command-db.mv.db"));
        assertThat(EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(),
                databases.query().dataSource())).isEmpty();
    }

    @Test
    void h2DatabasesOfAnOlderSchemaAreMigratedBeforeTheyAreCopied() throws Exception {
        Path dataDir = copyOfTheRelease();
        // Back to the schema of before V2 (command) and V3 (query): what an older release left.
        try (Connection c = DriverManager.getConnection(h2Url(dataDir, "command-db"), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE idempotency_record");
            s.execute("DELETE FROM \"command_schema_history\" WHERE \"version\" IN ('2', '3')");
        }
        try (Connection c = DriverManager.getConnection(h2Url(dataDir, "query-db"), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("DROP INDEX parked_event_by_status");
            s.execute("ALTER TABLE parked_event DROP COLUMN status");
            s.execute("ALTER TABLE parked_event DROP COLUMN resolved_at");
            s.execute("ALTER TABLE parked_event DROP COLUMN resolved_by");
            s.execute("ALTER TABLE parked_event DROP COLUMN resolution_reason");
            s.execute("ALTER TABLE timeline_entry DROP COLUMN actor_subject");
            s.execute("ALTER TABLE timeline_entry DROP COLUMN actor_role");
            s.execute("DELETE FROM \"query_schema_history\" WHERE \"version\" IN ('3', '4')");
        }
        Postgres.Pair databases = postgres.freshPair("older");

        EarlierRelease.importIfPresent(dataDir, databases.command().dataSource(), databases.query().dataSource())
                .orElseThrow();

        Path backup = dataDir.resolve("h2-backup");
        assertThat(appliedVersions(h2Url(backup, "command-db"), "command_schema_history"))
                .containsExactly("1", "2", "3");
        assertThat(appliedVersions(h2Url(backup, "query-db"), "query_schema_history"))
                .containsExactly("1", "2", "3", "4");
        Contents after = Contents.ofPostgres(databases);
        assertThat(after.tables().get("idempotency_record")).isEmpty();
        assertThat(after.tables().get("parked_event")).singleElement().asString()
                .contains("status=PARKED", "resolved_at=null");
        assertThat(after.tables().get("timeline_entry")).isNotEmpty()
                .allSatisfy(row -> assertThat(row).contains("actor_role=null", "actor_subject=null"));
        assertThat(after.events()).hasSize((int) versions.values().stream().mapToLong(Long::longValue).sum());
    }

    // ------------------------------------------------------------------ helpers

    /** What a user sees: ./run.sh on the earlier release's data directory imports it and serves every session. */
    @Test
    void theLocalStackImportsAnEarlierReleasesDataDirectoryAtItsFirstStart() throws Exception {
        Path dataDir = copyOfTheRelease();
        try (Stream<Path> kafkaFiles = Files.walk(kafkaDir)) {
            for (Path source : kafkaFiles.toList()) {
                Path target = dataDir.resolve("kafka").resolve(kafkaDir.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        LocalStack stack = new LocalStack(new StackSettings(dataDir, 0, Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 0));
        try {
            stack.start();
            String facilitator = stack.tokens().orElseThrow().get("facilitator");
            for (String negotiation : versions.keySet()) {
                HttpResponse<String> deal = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + stack.queryServicePort() + "/api/negotiations/" + negotiation + "/deal"))
                        .header("Authorization", "Bearer " + facilitator).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(deal.statusCode()).as(deal.body()).isEqualTo(200);
                assertThat(JSON.readTree(deal.body())).as("deal of %s", negotiation)
                        .isEqualTo(dealsBefore.get(negotiation));
            }
        } finally {
            stack.stop();
        }
        assertThat(H2_FILES).allSatisfy(f -> {
            assertThat(dataDir.resolve(f)).doesNotExist();
            assertThat(dataDir.resolve("h2-backup").resolve(f)).isRegularFile();
        });
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).isRegularFile();
    }

    private Path copyOfTheRelease() throws IOException {
        Path dataDir = Files.createDirectories(work.resolve("data"));
        for (String file : H2_FILES) {
            Files.copy(release.resolve(file), dataDir.resolve(file));
        }
        return dataDir;
    }

    /** As the files were after a commit and before the move. */
    private static void putTheFilesBack(Path dataDir, List<String> files) throws IOException {
        for (String file : files) {
            Files.move(dataDir.resolve("h2-backup").resolve(file), dataDir.resolve(file));
        }
    }

    private static String h2Url(Path dir, String name) {
        return "jdbc:h2:file:" + dir.resolve(name) + ";IFEXISTS=TRUE";
    }

    private static List<String> appliedVersions(String url, String history) throws SQLException {
        List<String> applied = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT \"version\" FROM \"" + history + "\" WHERE \"success\""
                     + " AND \"version\" IS NOT NULL AND \"version\" <> '0' ORDER BY \"installed_rank\"")) {
            while (rows.next()) {
                applied.add(rows.getString(1));
            }
        }
        return applied;
    }

    private static long count(DataSource database, String from) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM " + from)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** One row of {@code domainevententry}. */
    record StoredEvent(long globalIndex, String negotiation, long sequence, String payloadType, String payload) {
        NegotiationEvent event() {
            return EventJson.readStored(payloadType, HexFormat.of().parseHex(payload));
        }
    }

    /**
     * What a pair of databases holds: every event, and every row of every table but Flyway's history (as text, in a
     * form that does not depend on the database: bytes in hex, times as instants; the publisher's owner apart).
     */
    record Contents(List<StoredEvent> events, Map<String, List<String>> tables, List<String> tokenOwners) {

        List<NegotiationEvent> eventsOf(String negotiation) {
            return events.stream().filter(e -> e.negotiation().equals(negotiation))
                    .sorted(java.util.Comparator.comparingLong(StoredEvent::sequence))
                    .map(StoredEvent::event).toList();
        }

        static Contents ofH2(Path dataDir) throws SQLException {
            try (Connection command = DriverManager.getConnection(h2Url(dataDir, "command-db"), "sa", "");
                 Connection query = DriverManager.getConnection(h2Url(dataDir, "query-db"), "sa", "")) {
                return of(command, query, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'");
            }
        }

        static Contents ofPostgres(Postgres.Pair databases) throws SQLException {
            try (Connection command = databases.command().dataSource().getConnection();
                 Connection query = databases.query().dataSource().getConnection()) {
                return of(command, query, "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
            }
        }

        private static Contents of(Connection command, Connection query, String tables) throws SQLException {
            List<StoredEvent> events = new ArrayList<>();
            try (Statement s = command.createStatement(); ResultSet rows = s.executeQuery("SELECT globalIndex,"
                    + " aggregateIdentifier, sequenceNumber, payloadType, payload FROM domainevententry"
                    + " ORDER BY globalIndex")) {
                while (rows.next()) {
                    events.add(new StoredEvent(rows.getLong(1), rows.getString(2), rows.getLong(3),
                            rows.getString(4), HexFormat.of().formatHex(rows.getBytes(5))));
                }
            }
            Map<String, List<String>> contents = new TreeMap<>();
            List<String> owners = new ArrayList<>();
            for (Connection c : List.of(command, query)) {
                for (String table : names(c, tables)) {
                    contents.put(table, rows(c, table, owners));
                }
            }
            return new Contents(events, contents, owners);
        }

        private static List<String> names(Connection c, String sql) throws SQLException {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
                while (rows.next()) {
                    String name = rows.getString(1).toLowerCase(Locale.ROOT);
                    if (!name.endsWith("_schema_history")) {
                        names.add(name);
                    }
                }
            }
            return names;
        }

        private static List<String> rows(Connection c, String table, List<String> owners) throws SQLException {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet result = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new TreeMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String column = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                        Object value = plain(result.getObject(i));
                        if (table.equals("tokenentry") && column.equals("owner")) {
                            owners.add((String) value);
                        } else {
                            row.put(column, value);
                        }
                    }
                    rows.add(row.toString());
                }
            }
            rows.sort(null);
            return rows;
        }

        private static Object plain(Object value) throws SQLException {
            if (value instanceof byte[] bytes) {
                return HexFormat.of().formatHex(bytes);
            } else if (value instanceof Clob clob) {
                return clob.getSubString(1, (int) clob.length());
            } else if (value instanceof Timestamp time) {
                return time.toInstant();
            } else if (value instanceof OffsetDateTime time) {
                return time.toInstant();
            } else if (value instanceof Integer number) {
                return number.longValue();
            }
            return value;
        }
    }

    // ------------------------------------------------------------------ the services, over HTTP

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** command-service and query-service in this JVM, on the given databases and broker, trusting test tokens. */
    record Services(ConfigurableApplicationContext command, ConfigurableApplicationContext query)
            implements AutoCloseable {

        static Services start(KafkaBroker broker, String commandUrl, String commandUser, String commandPassword,
                              String queryUrl, String queryUser, String queryPassword) {
            ConfigurableApplicationContext command = CommandServiceApplication.start(
                    overrides(broker, commandUrl, commandUser, commandPassword), false);
            try {
                return new Services(command, QueryServiceApplication.start(
                        overrides(broker, queryUrl, queryUser, queryPassword), false));
            } catch (RuntimeException e) {
                command.close();
                throw e;
            }
        }

        private static Map<String, Object> overrides(KafkaBroker broker, String url, String user, String password) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("spring.datasource.url", url);
            props.put("spring.datasource.username", user);
            props.put("spring.datasource.password", password);
            props.put("server.port", "0");
            props.put("server.address", "127.0.0.1");
            props.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
            // A snapshot within this short session, so that the import has snapshots to carry.
            props.put("parley.snapshot.every", "3");
            props.putAll(TestStack.jwtTrustingTestTokens());
            return props;
        }

        DataSource commandDatabase() {
            return command.getBean(DataSource.class);
        }

        Reply post(String path, String actor, Object body, Map<String, String> headers) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(command) + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                headers.forEach(request::header);
                return send(request, actor);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Reply get(String path, String actor) {
            return send(HttpRequest.newBuilder(URI.create(url(query) + path)).GET(), actor);
        }

        private static String url(ConfigurableApplicationContext service) {
            return "http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort();
        }

        private static Reply send(HttpRequest.Builder request, String actor) {
            request.header("Authorization", "Bearer " + TestTokens.forActor(actor)).timeout(Duration.ofSeconds(30));
            try {
                HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            query.close();
            command.close();
        }
    }

    // ------------------------------------------------------------------ PostgreSQL

    /**
     * Fresh PostgreSQL databases for each test: schemas on the tests' server ({@link TestDatabase#server()}),
     * dropped at the end.
     */
    static final class Postgres implements AutoCloseable {

        record Database(String url, String user, String password) {
            DataSource dataSource() {
                return new DriverManagerDataSource(url, user, password);
            }
        }

        record Pair(Database command, Database query) {
        }

        private final List<ScratchSchema> schemas = new ArrayList<>();

        Pair freshPair(String label) {
            return new Pair(fresh(label + "_command"), fresh(label + "_query"));
        }

        private Database fresh(String label) {
            TestDatabase.Server server = TestDatabase.server();
            ScratchSchema schema = ScratchSchema.create(server.url(), server.user(), server.password(), "import",
                    label);
            schemas.add(schema);
            return new Database(schema.url(), schema.user(), schema.password());
        }

        @Override
        public void close() {
            schemas.forEach(ScratchSchema::close);
        }
    }
}
