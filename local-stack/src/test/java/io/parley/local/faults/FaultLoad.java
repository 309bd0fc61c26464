package io.parley.local.faults;

import java.time.Duration;

/**
 * How hard the fault scenarios push: the short version by default ({@code ./mvnw verify}), the long one with
 * {@code ./mvnw verify -Pfaults}, which sets these system properties.
 *
 * @param outage  how long the broker stays down in the outage scenario
 * @param writing how long the clients of the crash scenarios spread their moves over: a service dies and comes back
 *                while they write
 */
record FaultLoad(int moves, int negotiations, int clients, Duration outage, Duration writing) {

    static FaultLoad fromSystemProperties() {
        return new FaultLoad(
                Integer.getInteger("parley.faults.moves", 200),
                Integer.getInteger("parley.faults.negotiations", 10),
                Integer.getInteger("parley.faults.clients", 8),
                Duration.ofSeconds(Integer.getInteger("parley.faults.outage-seconds", 5)),
                Duration.ofSeconds(Integer.getInteger("parley.faults.writing-seconds", 10)));
    }
}
