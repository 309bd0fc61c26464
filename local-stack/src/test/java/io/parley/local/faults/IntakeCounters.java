package io.parley.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query service's intake counters ({@code /actuator/metrics/parley.intake.*}), since that process started: a
 * restarted service counts from zero.
 *
 * @param duplicates records skipped because their version was already applied (delivered again)
 */
record IntakeCounters(long applied, long duplicates, long gaps, long parked) {

    static IntakeCounters of(Http http) {
        return new IntakeCounters(count(http, "applied"), count(http, "duplicates"), count(http, "gaps"),
                count(http, "parked"));
    }

    private static long count(Http http, String name) {
        Http.Reply reply = http.get("/actuator/metrics/parley.intake." + name, "observer");
        assertThat(reply.status()).as("parley.intake.%s: %s", name, reply).isEqualTo(200);
        return (long) reply.json().path("measurements").path(0).path("value").asDouble();
    }
}
