package io.parley.bench;

/**
 * One benchmark scenario: it starts what it needs, warms up, measures, adds its figures to the report and stops what
 * it started. A scenario that cannot run here (a missing feature, a missing tool) reports why instead of figures.
 */
public interface Scenario {

    /** The name given on the command line, e.g. {@code write}. */
    String name();

    /** One line for {@code ./bench.sh --help}. */
    String description();

    void run(BenchSettings settings, Report report) throws Exception;
}
