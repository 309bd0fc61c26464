package io.parley.local;

import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.json.MalformedEvent;
import io.parley.model.negotiation.NegotiationEvent;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one-time import of an earlier release's data directory: the two H2 file databases it kept there
 * ({@code command-db.mv.db}, the event store, and {@code query-db.mv.db}, the projections) are copied into the
 * PostgreSQL databases of the two services, checked, and then moved into {@code h2-backup/} beside them.
 *
 * <p>Both sides are first brought to the current schema with the services' own Flyway settings (what the services
 * would have done at their next start), so that they have the same tables. Every table but Flyway's history is then
 * copied as it is, identity values included, in one transaction per database; before either commits, every table
 * is compared row for row (by a digest of each row) and every negotiation's events are folded into a {@link DealState}
 * on both sides and compared. Only then are the H2 files moved.
 *
 * <p>It refuses, changing no data, when PostgreSQL already holds data that is not a copy of the H2 databases. When it
 * holds exactly that copy (an import that committed but stopped before it moved the files), it only finishes the move.
 */
public final class EarlierRelease {

    private static final Logger log = LoggerFactory.getLogger(EarlierRelease.class);

    /** Where the H2 files go once their data is in PostgreSQL. */
    public static final String BACKUP_DIR = "h2-backup";

    private static final String H2_SUFFIX = ".mv.db";
    private static final String EVENTS = "domainevententry";
    private static final String TOKENS = "tokenentry";
    private static final int BATCH = 1000;

    /**
     * The outcome of an import.
     *
     * @param negotiations the negotiations now in the PostgreSQL event store
     * @param events       their events
     * @param backupDir    where the H2 files were moved
     * @param took         how long the import took, from opening the H2 files to moving them
     */
    public record Imported(long negotiations, long events, Path backupDir, Duration took) {

        /** One line for the person starting the stack. */
        public String message() {
            return String.format(Locale.ROOT,
                    "Imported %,d %s (%,d %s) from the H2 databases of an earlier release into PostgreSQL;"
                            + " the H2 files are kept in %s as a backup.",
                    negotiations, negotiations == 1 ? "negotiation" : "negotiations",
                    events, events == 1 ? "event" : "events", shown(backupDir));
        }

        /** Relative to the working directory when it lies below it ({@code data/h2-backup}), else as it is. */
        private static String shown(Path dir) {
            Path here = Path.of("").toAbsolutePath().normalize();
            Path absolute = dir.toAbsolutePath().normalize();
            return absolute.startsWith(here) && !absolute.equals(here)
                    ? here.relativize(absolute).toString() : absolute.toString();
        }
    }

    /** The import would overwrite or mix with data that is not the earlier release's; nothing was changed. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    /** One service's database: its H2 file name, and its Flyway settings as the service itself reads them. */
    private enum Service {
        COMMAND("command-db", "command-service.properties", "event store"),
        QUERY("query-db", "query-service.properties", "projection database");

        final String h2Name;
        final String configuration;
        final String description;

        Service(String h2Name, String configuration, String description) {
            this.h2Name = h2Name;
            this.configuration = configuration;
            this.description = description;
        }

        String fileName() {
            return h2Name + H2_SUFFIX;
        }
    }

    private EarlierRelease() {
    }

    /**
     * Imports the earlier release's H2 databases from {@code dataDir} into the two PostgreSQL databases, when they are
     * there; does nothing when they are not (a new data directory, or one imported already).
     *
     * @param commandDb command-service's PostgreSQL database (the event store)
     * @param queryDb   query-service's PostgreSQL database (the projections); may be the same database
     * @return what was imported, or empty when {@code dataDir} holds no H2 databases
     * @throws Refused               when PostgreSQL holds other data, or only one of the two H2 files is there; the
     *                               message says what to do, and nothing was changed
     * @throws IllegalStateException when a database cannot be read or the copy does not match (it is then rolled
     *                               back and the H2 files stay where they are)
     */
    public static Optional<Imported> importIfPresent(Path dataDir, DataSource commandDb, DataSource queryDb) {
        long started = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        Path backup = dir.resolve(BACKUP_DIR);
        Map<Service, Path> files = locate(dir, backup);
        if (files == null) {
            return Optional.empty();
        }
        try (H2 commandH2 = H2.open(files.get(Service.COMMAND), dir);
             H2 queryH2 = H2.open(files.get(Service.QUERY), dir)) {
            migrate(Service.COMMAND, commandH2.dataSource);
            migrate(Service.QUERY, queryH2.dataSource);
            migrate(Service.COMMAND, commandDb);
            migrate(Service.QUERY, queryDb);
            long[] counts = copyAndVerify(dir, commandH2.connection, commandDb, queryH2.connection, queryDb);
            commandH2.shutdown();
            queryH2.shutdown();
            moveToBackup(dir, backup);
            Imported imported = new Imported(counts[0], counts[1], backup,
                    Duration.ofNanos(System.nanoTime() - started));
            // The caller prints the message: one line for the user, not two.
            log.debug(imported.message());
            return Optional.of(imported);
        } catch (SQLException e) {
            throw new IllegalStateException("the import of the earlier release's H2 databases in " + dir
                    + " failed: " + e.getMessage() + ". The H2 files were left where they were; the next start tries"
                    + " the import again.", e);
        }
    }

    // ------------------------------------------------------------------ where the files are

    /**
     * Each service's H2 file: in the data directory, or already in the backup (a move that was interrupted);
     * {@code null} when neither is left in the data directory.
     */
    private static Map<Service, Path> locate(Path dir, Path backup) {
        Map<Service, Path> files = new LinkedHashMap<>();
        boolean anyInDataDir = false;
        for (Service service : Service.values()) {
            Path inDataDir = dir.resolve(service.fileName());
            Path inBackup = backup.resolve(service.fileName());
            if (Files.isRegularFile(inDataDir)) {
                if (Files.exists(inBackup)) {
                    throw new Refused(dir + " holds " + service.fileName() + " of an earlier release, but "
                            + backup + " already holds a file of that name. Nothing was changed: move one of the two"
                            + " elsewhere (to keep both) and start again.");
                }
                files.put(service, inDataDir);
                anyInDataDir = true;
            } else if (Files.isRegularFile(inBackup)) {
                files.put(service, inBackup);
            }
        }
        if (!anyInDataDir) {
            return null;
        }
        for (Service service : Service.values()) {
            if (!files.containsKey(service)) {
                Service other = service == Service.COMMAND ? Service.QUERY : Service.COMMAND;
                throw new Refused(dir + " holds " + other.fileName() + " of an earlier release but not "
                        + service.fileName() + ", so it cannot be imported. Nothing was changed: put "
                        + service.fileName() + " back beside it to import both, or move " + other.fileName()
                        + " out of " + dir + " to start without it.");
            }
        }
        return files;
    }

    /** An H2 database of the earlier release, open for the import: one connection holds it open throughout. */
    private static final class H2 implements AutoCloseable {
        final JdbcDataSource dataSource;
        final Connection connection;

        private H2(JdbcDataSource dataSource, Connection connection) {
            this.dataSource = dataSource;
            this.connection = connection;
        }

        static H2 open(Path file, Path dataDir) {
            String name = file.getFileName().toString();
            Path base = file.resolveSibling(name.substring(0, name.length() - H2_SUFFIX.length()));
            JdbcDataSource dataSource = new JdbcDataSource();
            // IFEXISTS: never a new, empty database in place of a file that went away meanwhile.
            dataSource.setURL("jdbc:h2:file:" + base + ";IFEXISTS=TRUE;DB_CLOSE_ON_EXIT=FALSE");
            dataSource.setUser("sa");
            dataSource.setPassword("");
            try {
                return new H2(dataSource, dataSource.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open " + file + ", the H2 database of an earlier release (is"
                        + " that release still running on " + dataDir + "?): " + e.getMessage(), e);
            }
        }

        /** Closes the database, so that its files can be moved. */
        void shutdown() throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                // Shut down already, or failing anyway: the error that got us here is the one to report.
            }
        }
    }

    // ------------------------------------------------------------------ schema

    /** Flyway as the service runs it: its locations, history table and baseline, read from its own configuration. */
    private static void migrate(Service service, DataSource database) {
        Properties settings = settings(service);
        Flyway.configure(EarlierRelease.class.getClassLoader())
                .dataSource(database)
                .locations(setting(settings, service, "spring.flyway.locations").split(","))
                .table(setting(settings, service, "spring.flyway.table"))
                .baselineOnMigrate(Boolean.parseBoolean(setting(settings, service, "spring.flyway.baseline-on-migrate")))
                .baselineVersion(setting(settings, service, "spring.flyway.baseline-version"))
                .load()
                .migrate();
    }

    private static String historyTable(Service service) {
        return setting(settings(service), service, "spring.flyway.table");
    }

    /** The service's configuration file, as it reads it itself (spring.config.name). */
    private static Properties settings(Service service) {
        Properties settings = new Properties();
        try (InputStream in = EarlierRelease.class.getClassLoader().getResourceAsStream(service.configuration)) {
            if (in == null) {
                throw new IllegalStateException(service.configuration + " is not on the classpath");
            }
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + service.configuration, e);
        }
        return settings;
    }

    private static String setting(Properties settings, Service service, String key) {
        String value = settings.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(service.configuration + " sets no " + key);
        }
        return value.trim();
    }

    // ------------------------------------------------------------------ copy and verify

    /** What PostgreSQL holds of a service's tables before the import. */
    private enum Target { EMPTY, SAME, OTHER }

    /** @return negotiations and events in the PostgreSQL event store once committed */
    private static long[] copyAndVerify(Path dir, Connection commandH2, DataSource commandDb, Connection queryH2,
                                        DataSource queryDb) throws SQLException {
        try (Connection commandPg = commandDb.getConnection(); Connection queryPg = queryDb.getConnection()) {
            commandPg.setAutoCommit(false);
            queryPg.setAutoCommit(false);
            try {
                List<Table> commandTables = tables(Service.COMMAND, commandH2, commandPg);
                List<Table> queryTables = tables(Service.QUERY, queryH2, queryPg);
                Target command = target(commandTables, commandH2, commandPg);
                Target query = target(queryTables, queryH2, queryPg);
                if (command == Target.OTHER) {
                    throw new Refused(refusal(dir, Service.COMMAND, count(commandPg, EVENTS) + " events"));
                }
                if (query == Target.OTHER) {
                    throw new Refused(refusal(dir, Service.QUERY, "rows"));
                }
                if (command == Target.EMPTY) {
                    try (Statement s = commandPg.createStatement()) {
                        // A command-service that ran on the empty store saved a position in it; the earlier release's
                        // position is the one that says what is on Kafka already.
                        s.executeUpdate("DELETE FROM " + TOKENS);
                    }
                    copy(commandTables, commandH2, commandPg);
                    try (Statement s = commandPg.createStatement()) {
                        // The process that owned the publisher's position is gone: the next command-service claims it
                        // at once instead of waiting for the old claim to time out.
                        s.executeUpdate("UPDATE " + TOKENS + " SET owner = NULL");
                    }
                    restartIdentities(commandTables, commandPg);
                    verify(commandTables, commandH2, commandPg);
                }
                if (query == Target.EMPTY) {
                    copy(queryTables, queryH2, queryPg);
                    restartIdentities(queryTables, queryPg);
                    verify(queryTables, queryH2, queryPg);
                }
                // SAME was found by comparing every table already; the fold is checked whichever way we came.
                verifyNegotiations(commandH2, commandPg);
                long[] counts = {countDistinct(commandPg, EVENTS, "aggregateIdentifier"), count(commandPg, EVENTS)};
                commandPg.commit();
                // Stopped between the two commits, the next attempt finds the event store SAME and copies the rest.
                queryPg.commit();
                log.debug("{}: command {}, query {}", dir, command, query);
                return counts;
            } catch (SQLException | RuntimeException e) {
                for (Connection pg : List.of(commandPg, queryPg)) {
                    try {
                        pg.rollback();
                    } catch (SQLException rollback) {
                        e.addSuppressed(rollback);
                    }
                }
                throw e;
            }
        }
    }

    private static String refusal(Path dir, Service service, String holding) {
        return "Not importing the H2 databases of an earlier release in " + dir + ": the PostgreSQL "
                + service.description + " already holds " + holding + " that are not a copy of "
                + service.fileName() + ". Nothing was changed. To import the earlier release's negotiations, start"
                + " on empty PostgreSQL databases (the embedded one: move " + dir.resolve("postgres") + " aside); to"
                + " keep what PostgreSQL holds, move command-db.mv.db and query-db.mv.db out of " + dir + ".";
    }

    /**
     * A table to copy: its H2 and PostgreSQL names, its columns (by lower-case name) with their JDBC type in H2 and in
     * PostgreSQL, and its identity columns in PostgreSQL.
     */
    private record Table(String h2Name, String pgName, Map<String, Integer> h2Types, Map<String, Integer> pgTypes,
                         Map<String, String> h2Columns, List<String> identities) {

        /** Columns left out of the comparison: the publisher's owner is cleared on the way. */
        boolean compared(String column) {
            return !(pgName.equals(TOKENS) && column.equals("owner"));
        }
    }

    /** Every table of the H2 database but Flyway's history, matched with the same table in PostgreSQL. */
    private static List<Table> tables(Service service, Connection h2, Connection pg) throws SQLException {
        String history = historyTable(service);
        List<String> names = new ArrayList<>();
        try (Statement s = h2.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                        + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            while (rows.next()) {
                if (!rows.getString(1).equalsIgnoreCase(history)) {
                    names.add(rows.getString(1));
                }
            }
        }
        List<Table> tables = new ArrayList<>();
        for (String h2Name : names) {
            String pgName = h2Name.toLowerCase(Locale.ROOT);
            Map<String, Integer> h2Types = new TreeMap<>();
            Map<String, String> h2Columns = new TreeMap<>();
            try (Statement s = h2.createStatement();
                 ResultSet none = s.executeQuery("SELECT * FROM " + quote(h2Name) + " WHERE 1 = 0")) {
                ResultSetMetaData meta = none.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                    h2Types.put(column, meta.getColumnType(i));
                    h2Columns.put(column, meta.getColumnName(i));
                }
            }
            Map<String, Integer> pgTypes = new TreeMap<>();
            try (PreparedStatement s = pg.prepareStatement("SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_name = ?")) {
                s.setString(1, pgName);
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        throw new IllegalStateException("the earlier release's " + service.fileName() + " has a table "
                                + h2Name + " that the current schema of the PostgreSQL " + service.description
                                + " does not have");
                    }
                }
            }
            try (Statement s = pg.createStatement();
                 ResultSet none = s.executeQuery("SELECT * FROM " + quote(pgName) + " WHERE false")) {
                ResultSetMetaData meta = none.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    pgTypes.put(meta.getColumnName(i), meta.getColumnType(i));
                }
            }
            if (!pgTypes.keySet().containsAll(h2Types.keySet())) {
                throw new IllegalStateException("the PostgreSQL " + service.description + "'s table " + pgName
                        + " lacks columns the earlier release's has: H2 " + h2Types.keySet() + ", PostgreSQL "
                        + pgTypes.keySet());
            }
            List<String> identities = new ArrayList<>();
            try (PreparedStatement s = pg.prepareStatement("SELECT column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = ? AND is_identity = 'YES'")) {
                s.setString(1, pgName);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        identities.add(rows.getString(1));
                    }
                }
            }
            tables.add(new Table(h2Name, pgName, h2Types, pgTypes, h2Columns, identities));
        }
        return tables;
    }

    /**
     * EMPTY when PostgreSQL has no row in any of the tables (but the publisher's position, which a command-service
     * started on the empty store writes); SAME when every table holds the H2 table's rows.
     */
    private static Target target(List<Table> tables, Connection h2, Connection pg) throws SQLException {
        boolean empty = true;
        for (Table table : tables) {
            empty &= table.pgName.equals(TOKENS) || count(pg, table.pgName) == 0;
        }
        if (empty) {
            return Target.EMPTY;
        }
        for (Table table : tables) {
            if (!digest(table, h2, true).equals(digest(table, pg, false))) {
                return Target.OTHER;
            }
        }
        return Target.SAME;
    }

    /** Every row of every table, in batches, values as they are (bytes as bytes, times with their offset). */
    private static void copy(List<Table> tables, Connection h2, Connection pg) throws SQLException {
        for (Table table : tables) {
            List<String> columns = List.copyOf(table.h2Types.keySet());
            String select = "SELECT " + columns.stream().map(c -> quote(table.h2Columns.get(c)))
                    .collect(Collectors.joining(", ")) + " FROM " + quote(table.h2Name);
            String insert = "INSERT INTO " + quote(table.pgName) + " ("
                    + columns.stream().map(EarlierRelease::quote).collect(Collectors.joining(", ")) + ") VALUES ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            long copied = 0;
            try (Statement read = h2.createStatement(); ResultSet rows = read.executeQuery(select);
                 PreparedStatement write = pg.prepareStatement(insert)) {
                int pending = 0;
                while (rows.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        String column = columns.get(i - 1);
                        transfer(rows, write, i, table.h2Types.get(column), table.pgTypes.get(column));
                    }
                    write.addBatch();
                    copied++;
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    write.executeBatch();
                }
            }
            log.debug("copied {} rows of {}", copied, table.pgName);
        }
    }

    /** One value from H2 to PostgreSQL, by its H2 type. */
    private static void transfer(ResultSet from, PreparedStatement to, int i, int h2Type, int pgType)
            throws SQLException {
        Object value = switch (h2Type) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> from.getBytes(i);
            case Types.TIMESTAMP_WITH_TIMEZONE -> from.getObject(i, OffsetDateTime.class);
            case Types.TIMESTAMP -> from.getObject(i, LocalDateTime.class);
            case Types.DATE -> from.getObject(i, LocalDate.class);
            case Types.TIME -> from.getObject(i, LocalTime.class);
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR,
                 Types.LONGNVARCHAR, Types.NCLOB -> from.getString(i);
            case Types.NUMERIC, Types.DECIMAL -> from.getBigDecimal(i);
            default -> from.getObject(i);
        };
        if (value == null) {
            to.setNull(i, pgType);
        } else if (value instanceof byte[] bytes) {
            to.setBytes(i, bytes);
        } else if (value instanceof String text) {
            to.setString(i, text);
        } else {
            to.setObject(i, value);
        }
    }

    /** Moves each identity column's sequence past the highest value copied, so that new rows get new numbers. */
    private static void restartIdentities(List<Table> tables, Connection pg) throws SQLException {
        for (Table table : tables) {
            for (String column : table.identities) {
                long highest;
                try (Statement s = pg.createStatement(); ResultSet rows = s.executeQuery(
                        "SELECT max(" + quote(column) + ") FROM " + quote(table.pgName))) {
                    rows.next();
                    highest = rows.getLong(1);
                    if (rows.wasNull()) {
                        continue;
                    }
                }
                try (Statement s = pg.createStatement()) {
                    s.execute("ALTER TABLE " + quote(table.pgName) + " ALTER COLUMN " + quote(column)
                            + " RESTART WITH " + (highest + 1));
                }
            }
        }
    }

    /** Every table holds the same rows on both sides (the query side's counts among them). */
    private static void verify(List<Table> tables, Connection h2, Connection pg) throws SQLException {
        for (Table table : tables) {
            Digest source = digest(table, h2, true);
            Digest copy = digest(table, pg, false);
            if (!source.equals(copy)) {
                throw new IllegalStateException("the copy of table " + table.pgName + " differs from the earlier"
                        + " release's (" + source.rows + " rows in H2, " + copy.rows + " in PostgreSQL)");
            }
        }
    }

    /**
     * Every negotiation has as many events on both sides, and folds into an equal {@link DealState}: the events are
     * not only the same bytes but read as the same moves.
     */
    private static void verifyNegotiations(Connection h2, Connection pg) throws SQLException {
        Map<String, Folded> source = fold(h2);
        Map<String, Folded> copy = fold(pg);
        if (!source.keySet().equals(copy.keySet())) {
            throw new IllegalStateException("the negotiations differ: " + source.size() + " in H2, " + copy.size()
                    + " in PostgreSQL");
        }
        List<String> differing = source.keySet().stream().filter(n -> !source.get(n).equals(copy.get(n)))
                .sorted().limit(5).toList();
        if (!differing.isEmpty()) {
            throw new IllegalStateException("negotiations whose events differ between H2 and PostgreSQL: "
                    + String.join(", ", differing));
        }
    }

    /** A negotiation's event count and the deal its events fold into. */
    private record Folded(long events, DealState deal) {
    }

    private static Map<String, Folded> fold(Connection connection) throws SQLException {
        Map<String, Folded> negotiations = new HashMap<>();
        String sql = "SELECT aggregateIdentifier, payloadType, payload FROM " + EVENTS
                + " ORDER BY aggregateIdentifier, sequenceNumber";
        try (Statement s = connection.createStatement()) {
            s.setFetchSize(BATCH);
            try (ResultSet rows = s.executeQuery(sql)) {
                String current = null;
                List<NegotiationEvent> events = new ArrayList<>();
                while (rows.next()) {
                    String negotiation = rows.getString(1);
                    if (!negotiation.equals(current)) {
                        if (current != null) {
                            negotiations.put(current, new Folded(events.size(), DealState.of(events)));
                        }
                        current = negotiation;
                        events = new ArrayList<>();
                    }
                    events.add(event(negotiation, rows.getString(2), rows.getBytes(3)));
                }
                if (current != null) {
                    negotiations.put(current, new Folded(events.size(), DealState.of(events)));
                }
            }
        }
        return negotiations;
    }

    private static NegotiationEvent event(String negotiation, String type, byte[] payload) {
        try {
            return EventJson.readStored(type, payload);
        } catch (MalformedEvent e) {
            throw new IllegalStateException("cannot read an event of negotiation " + negotiation + " (" + type + ")",
                    e);
        }
    }

    /** A table's rows, in any order: how many, and the sum of a hash of each (its compared columns, by name). */
    private record Digest(long rows, long sum) {
    }

    private static Digest digest(Table table, Connection connection, boolean h2) throws SQLException {
        List<String> columns = table.h2Types.keySet().stream().filter(table::compared).toList();
        String select = "SELECT " + columns.stream().map(c -> quote(h2 ? table.h2Columns.get(c) : c))
                .collect(Collectors.joining(", ")) + " FROM " + quote(h2 ? table.h2Name : table.pgName);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long rows = 0;
        long sum = 0;
        try (Statement s = connection.createStatement()) {
            s.setFetchSize(BATCH);
            try (ResultSet result = s.executeQuery(select)) {
                while (result.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        byte[] value = canonical(result, i, table.h2Types.get(columns.get(i - 1)));
                        sha.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
                        if (value != null) {
                            sha.update(value);
                        }
                    }
                    sum += ByteBuffer.wrap(sha.digest()).getLong();
                    rows++;
                }
            }
        }
        return new Digest(rows, sum);
    }

    /** A value in one form for both databases: times as instants, numbers as their plain text, text as UTF-8. */
    private static byte[] canonical(ResultSet row, int i, int h2Type) throws SQLException {
        Object value = switch (h2Type) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> row.getBytes(i);
            case Types.TIMESTAMP_WITH_TIMEZONE ->
                    Optional.ofNullable(row.getObject(i, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                            .orElse(null);
            case Types.TIMESTAMP -> row.getObject(i, LocalDateTime.class);
            case Types.DATE -> row.getObject(i, LocalDate.class);
            case Types.TIME -> row.getObject(i, LocalTime.class);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long number = row.getLong(i);
                yield row.wasNull() ? null : number;
            }
            case Types.NUMERIC, Types.DECIMAL ->
                    Optional.ofNullable(row.getBigDecimal(i)).map(BigDecimal::stripTrailingZeros)
                            .map(BigDecimal::toPlainString).orElse(null);
            default -> row.getString(i);
        };
        if (value == null) {
            return null;
        }
        return value instanceof byte[] bytes ? bytes : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM " + quote(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long countDistinct(Connection connection, String table, String column) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT count(DISTINCT " + quote(column.toLowerCase(Locale.ROOT)) + ") FROM " + quote(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A name as the database holds it: upper case in H2, lower case in PostgreSQL (both unquoted in the DDL). */
    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    // ------------------------------------------------------------------ the move

    /**
     * Moves the H2 files into the backup directory (mode 700): the trace and lock files first, the databases last,
     * so that a data directory still holding a database is one whose move can be finished.
     */
    private static void moveToBackup(Path dir, Path backup) {
        PrivateFiles.createDirectory(backup);
        List<Path> databases = Stream.of(Service.values()).map(s -> dir.resolve(s.fileName()))
                .filter(Files::isRegularFile).toList();
        List<Path> others;
        try (Stream<Path> list = Files.list(dir)) {
            Set<String> prefixes = Stream.of(Service.values()).map(s -> s.h2Name + ".").collect(Collectors.toSet());
            others = list.filter(Files::isRegularFile)
                    .filter(p -> prefixes.stream().anyMatch(p.getFileName().toString()::startsWith))
                    .filter(p -> p.getFileName().toString().endsWith(".db"))
                    .filter(p -> !databases.contains(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        Function<Path, Path> target = file -> {
            Path to = backup.resolve(file.getFileName());
            for (int n = 1; Files.exists(to); n++) {
                to = backup.resolve(file.getFileName() + "." + n);
            }
            return to;
        };
        for (Path file : Stream.concat(others.stream(), databases.stream()).toList()) {
            try {
                Files.move(file, target.apply(file));
            } catch (IOException e) {
                throw new UncheckedIOException("the earlier release's data is in PostgreSQL now, but " + file
                        + " could not be moved to " + backup + "; the next start finishes the move", e);
            }
        }
    }
}
