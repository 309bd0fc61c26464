package io.parley.local.e2e;

import javax.sql.DataSource;

/**
 * Where a running Parley can be reached by a test: both services' HTTP roots, the broker, and the event store (read
 * directly by the fault checks). The in-process {@link TestStack} is one; stacks whose services run as separate
 * processes, so that they can be killed, are others.
 */
public interface SystemUnderTest {

    String commandUrl();

    String queryUrl();

    String kafkaBootstrapServers();

    /** The event store's database. */
    DataSource commandDatabase();
}
