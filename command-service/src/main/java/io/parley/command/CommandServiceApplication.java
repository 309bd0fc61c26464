package io.parley.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The write side of Parley: moves arrive over HTTP, become events in the event store, and are published to Kafka. */
// Token verification is set up by AccessConfiguration: Boot's own would take the unset trust settings (empty
// strings) for configured ones.
@SpringBootApplication(exclude = OAuth2ResourceServerAutoConfiguration.class)
@EnableScheduling
public class CommandServiceApplication {

    /** The configuration file name; query-service runs in the same JVM in local-stack, so it is not "application". */
    public static final String CONFIG_NAME = "command-service";

    public static void main(String[] args) {
        start(Map.of(), true, args);
    }

    /**
     * Starts the service. {@code overrides} become {@code --key=value} command-line arguments so that they win over
     * the properties file and the environment.
     */
    public static ConfigurableApplicationContext start(Map<String, Object> overrides, boolean shutdownHook,
                                                       String... args) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=" + CONFIG_NAME);
        arguments.addAll(List.of(args));
        overrides.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        SpringApplication application = new SpringApplication(CommandServiceApplication.class);
        application.setRegisterShutdownHook(shutdownHook);
        return application.run(arguments.toArray(String[]::new));
    }
}
