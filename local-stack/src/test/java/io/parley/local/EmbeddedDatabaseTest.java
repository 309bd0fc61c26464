package io.parley.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local stack's PostgreSQL, as a user's first {@code ./run.sh} meets it: the binaries unpacked from the jar into
 * an empty directory (the step a machine that ran Parley before skips), a new server that runs durably, and its data
 * kept for the next start.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path binaries;

    @Test
    void aFirstStartUnpacksTheServerAndRunsItDurablyOnLoopbackWithADatabasePerService() throws SQLException {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0,
                dataDir.resolve("postgres.log"), binaries)) {
            assertThat(database.created()).isTrue();
            try (Connection c = database.dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
                assertThat(setting(s, "fsync")).isEqualTo("on");
                assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(s, "full_page_writes")).isEqualTo("on");
                assertThat(setting(s, "listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(setting(s, "unix_socket_directories")).isEmpty();
                assertThat(databases(s)).contains(EmbeddedDatabase.COMMAND, EmbeddedDatabase.QUERY);
            }
            try (Connection c = database.dataSource(EmbeddedDatabase.COMMAND).getConnection();
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (n INT)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
        }

        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0,
                dataDir.resolve("postgres.log"), binaries);
             Connection c = again.dataSource(EmbeddedDatabase.COMMAND).getConnection();
             Statement s = c.createStatement();
             ResultSet kept = s.executeQuery("SELECT n FROM kept")) {
            assertThat(again.created()).isFalse();
            assertThat(kept.next()).isTrue();
            assertThat(kept.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void aDataDirectoryInUseByARunningStackIsRefused() {
        try (EmbeddedDatabase running = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0,
                dataDir.resolve("postgres.log"))) {
            assertThat(running.port()).isPositive();

            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir.resolve("postgres"), 0,
                    dataDir.resolve("postgres.log")))
                    .isInstanceOf(EmbeddedDatabase.DataDirectoryInUse.class)
                    .hasMessageContaining("in use by another running Parley");
        }
    }

    private static String setting(Statement s, String name) throws SQLException {
        try (ResultSet row = s.executeQuery("SHOW " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    private static List<String> databases(Statement s) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = s.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
