package io.parley.query;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * The read side: takes events from {@code negotiation.events}, keeps the deal and timeline projections, and
 * answers queries about them.
 * <p>
 * Boot's resource-server auto-configuration is left out: it would build a token decoder from the empty defaults of
 * the trust properties; {@code io.parley.query.access} builds the one the configured mode needs.
 */
@SpringBootApplication(exclude = OAuth2ResourceServerAutoConfiguration.class)
public class QueryServiceApplication {

    static final String CONFIG_NAME = "query-service";
    static final String EXCLUDE = "spring.autoconfigure.exclude";
    private static final String AXON_PACKAGE = "org.axonframework";

    public static void main(String[] args) {
        start(Map.of(), true, args);
    }

    /**
     * Starts the service.
     *
     * @param overrides    properties that win over everything else (passed as {@code --key=value} arguments)
     * @param shutdownHook whether to close the context when the JVM exits (a host that embeds the service closes
     *                     it itself)
     */
    public static ConfigurableApplicationContext start(Map<String, Object> overrides, boolean shutdownHook,
                                                        String... args) {
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .main(QueryServiceApplication.class)
                .registerShutdownHook(shutdownHook)
                .run(commandLine(overrides, args, QueryServiceApplication.class.getClassLoader()));
    }

    /**
     * The command line the service starts with: the overrides as {@code --key=value}, then {@code args}, its own
     * configuration file name, and one {@code spring.autoconfigure.exclude} that merges the caller's excludes with
     * the Axon auto-configurations found on {@code classLoader}.
     */
    static String[] commandLine(Map<String, Object> overrides, String[] args, ClassLoader classLoader) {
        List<String> arguments = new ArrayList<>();
        Set<String> excludes = new LinkedHashSet<>();
        splitInto(excludes, System.getProperty(EXCLUDE));
        splitInto(excludes, System.getenv("SPRING_AUTOCONFIGURE_EXCLUDE"));
        overrides.forEach((key, value) -> {
            if (EXCLUDE.equals(key)) {
                splitInto(excludes, String.valueOf(value));
            } else {
                arguments.add("--" + key + "=" + value);
            }
        });
        for (String arg : args) {
            if (arg.startsWith("--" + EXCLUDE + "=")) {
                splitInto(excludes, arg.substring(EXCLUDE.length() + 3));
            } else if (optionName(arg) == null || !overrides.containsKey(optionName(arg))) {
                // Spring joins repeated options with commas, so an overridden one is dropped, not repeated.
                arguments.add(arg);
            }
        }
        // When both services run in one JVM (local-stack, end-to-end tests), command-service's Axon jars are on
        // this context's classpath too. Their auto-configurations would give the read side an event store, a
        // command bus and event processors of its own, on its own database: exclude every one of them here. A
        // command-line exclude replaces every other, so the caller's own excludes are merged into it.
        excludes.addAll(axonAutoConfigurations(classLoader));
        if (!excludes.isEmpty()) {
            arguments.add("--" + EXCLUDE + "=" + String.join(",", excludes));
        }
        // An argument, not a default property: in a shared JVM a system-wide spring.config.name must not make this
        // service read the other service's file.
        if (arguments.stream().noneMatch(a -> a.startsWith("--spring.config.name="))) {
            arguments.add(0, "--spring.config.name=" + CONFIG_NAME);
        }
        return arguments.toArray(String[]::new);
    }

    /** The Axon auto-configurations present on {@code classLoader}'s classpath; none when Axon is absent. */
    static List<String> axonAutoConfigurations(ClassLoader classLoader) {
        return StreamSupport.stream(ImportCandidates.load(AutoConfiguration.class, classLoader).spliterator(), false)
                .filter(name -> name.startsWith(AXON_PACKAGE))
                .toList();
    }

    private static String optionName(String arg) {
        if (!arg.startsWith("--")) {
            return null;
        }
        int equals = arg.indexOf('=');
        return equals < 0 ? arg.substring(2) : arg.substring(2, equals);
    }

    private static void splitInto(Set<String> target, String list) {
        if (list != null) {
            Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(target::add);
        }
    }
}
