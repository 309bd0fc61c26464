package io.parley.local.faults;

import java.time.Duration;

/**
 * How hard the fault scenarios push: the short version by default ({@code ./mvnw verify}), the long one with
 * {@code ./mvnw verify -Pfaults}, which sets these system properties.
 */
record FaultLoad(int moves, int negotiations, int clients, Duration outage) {

    static FaultLoad fromSystemProperties() {
        return new FaultLoad(
                Integer.getInteger("parley.faults.moves", 200),
                Integer.getInteger("parley.faults.negotiations", 10),
                Integer.getInteger("parley.faults.clients", 8),
                Duration.ofSeconds(Integer.getInteger("parley.faults.outage-seconds", 5)));
    }
}
