package io.parley.local;

import io.parley.command.CommandServiceApplication;
import io.parley.query.QueryServiceApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside the local stack a service is given its database. Started as an operator would start its jar, without the
 * URL, it stops at once with one line that names the variable, instead of keeping a private database of its own (a
 * second instance would then silently run on a second event store).
 */
class ServiceWithoutDatabaseTest {

    static Stream<Arguments> services() {
        return Stream.of(Arguments.of(CommandServiceApplication.class, "PARLEY_COMMAND_DB_URL"),
                Arguments.of(QueryServiceApplication.class, "PARLEY_QUERY_DB_URL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void aServiceStartedWithoutADatabaseUrlRefusesWithOneLineThatNamesIt(Class<?> service, String variable)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("parley-no-database", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), service.getName(), "--server.port=0"))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        // Everything else a service needs is there: only the database is missing.
        builder.environment().put("PARLEY_AUTH_MODE", "header");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the service stopped by itself").isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(printed).isNotZero();
            assertThat(printed.lines().filter(line -> line.contains("No database: " + variable + " is not set.")))
                    .as(printed).hasSize(1);
            assertThat(printed).contains("Set " + variable + " to a PostgreSQL database")
                    .doesNotContain("HikariPool").doesNotContain("jdbc:h2");
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
