package io.parley.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * local-stack runs both services in one JVM, so the query service starts with command-service's Axon jars on its
 * classpath and must keep Axon out of its own context.
 */
class QueryServiceApplicationTest {

    private static final String AXON = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration";
    private static final String AXON_KAFKA = "org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration";

    @Test
    void every_axon_auto_configuration_on_the_classpath_is_excluded(@TempDir Path jar) throws IOException {
        try (URLClassLoader withAxon = classLoaderDeclaring(jar, AXON, AXON_KAFKA, "com.example.Other")) {
            List<String> found = QueryServiceApplication.axonAutoConfigurations(withAxon);

            assertThat(found).contains(AXON, AXON_KAFKA).allMatch(name -> name.startsWith("org.axonframework"));
        }
    }

    @Test
    void without_axon_nothing_is_excluded() {
        assertThat(QueryServiceApplication.axonAutoConfigurations(getClass().getClassLoader())).isEmpty();
        assertThat(QueryServiceApplication.commandLine(Map.of("server.port", 0), new String[0],
                getClass().getClassLoader()))
                .containsExactly("--spring.config.name=query-service", "--server.port=0");
    }

    @Test
    void the_callers_excludes_are_kept_beside_axons_and_overrides_win(@TempDir Path jar) throws IOException {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("spring.autoconfigure.exclude", "com.example.A");
        overrides.put("server.port", 9999);
        try (URLClassLoader withAxon = classLoaderDeclaring(jar, AXON)) {
            String[] commandLine = QueryServiceApplication.commandLine(overrides,
                    new String[]{"--spring.autoconfigure.exclude=com.example.B", "--server.port=1", "--debug"},
                    withAxon);

            assertThat(commandLine).containsExactly(
                    "--spring.config.name=query-service",
                    "--server.port=9999",
                    "--debug",
                    "--spring.autoconfigure.exclude=com.example.A,com.example.B," + AXON);
        }
    }

    /** A class loader with one more jar whose auto-configuration imports list {@code names}. */
    private static URLClassLoader classLoaderDeclaring(Path root, String... names) throws IOException {
        Path imports = root.resolve(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        Files.createDirectories(imports.getParent());
        Files.write(imports, List.of(names));
        return new URLClassLoader(new URL[]{root.toUri().toURL()},
                QueryServiceApplicationTest.class.getClassLoader());
    }
}
