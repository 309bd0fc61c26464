package io.parley.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Which database the tests run against: the PostgreSQL server named by {@code NEGOTIATION_TEST_JDBC_URL}
 * (with {@code NEGOTIATION_TEST_JDBC_USER}, default {@code postgres}, and {@code NEGOTIATION_TEST_JDBC_PASSWORD},
 * default empty) when it is set, else a private in-memory H2 database per call.
 * <p>
 * Tests on PostgreSQL share one database across runs, so they never assume empty tables: every negotiation a test
 * makes has a fresh id.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "NEGOTIATION_TEST_JDBC_URL";

    /**
     * For {@code @SpringBootTest(properties = ...)} of a test whose database comes through
     * {@code @DynamicPropertySource}: a service refuses to start without a database URL, and checks that while its
     * environment is prepared, before dynamic properties are added to it. This URL stands in until they are; the
     * dynamic one takes precedence and is the one the service connects to.
     */
    public static final String URL_FROM_DYNAMIC_PROPERTIES =
            "spring.datasource.url=jdbc:postgresql://url-from-dynamic-property-source.invalid/";

    private TestDatabase() {
    }

    public static boolean isPostgres() {
        String url = System.getenv(URL_VARIABLE);
        return url != null && !url.isBlank();
    }

    /** {@code spring.datasource.*} properties for one application context; {@code name} labels the H2 database. */
    public static Map<String, String> springProperties(String name) {
        Map<String, String> props = new LinkedHashMap<>();
        if (isPostgres()) {
            props.put("spring.datasource.url", System.getenv(URL_VARIABLE));
            props.put("spring.datasource.username", envOr("NEGOTIATION_TEST_JDBC_USER", "postgres"));
            props.put("spring.datasource.password", envOr("NEGOTIATION_TEST_JDBC_PASSWORD", ""));
        } else {
            props.put("spring.datasource.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            props.put("spring.datasource.username", "sa");
            props.put("spring.datasource.password", "");
        }
        return props;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
