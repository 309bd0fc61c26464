package io.parley.query.timeline;

import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The timeline keeps every field as the event had it, whichever way the rows go in (COPY on PostgreSQL, batched
 * inserts elsewhere), and an entry that is there already refuses the whole write, as the intake relies on.
 */
@ExtendWith(QueryServiceExtension.class)
class TimelineStorageTest {

    /** Characters COPY's text format gives a meaning to, and some it does not. */
    private static final String AWKWARD = "tab\there, new\nline, return\r, back\\slash, \\N, \\t, quote \" ' ,;|"
            + " \u00e9\u4e2d\ud83d\ude00";

    @Test
    void every_character_comes_back_as_written_and_absent_fields_stay_absent(QueryService service) {
        TimelineEntries timeline = service.app().getBean(TimelineEntries.class);
        String id = "storage-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-03-01T10:15:30.123456789Z");
        List<TimelineEntry> written = new ArrayList<>();
        written.add(new TimelineEntry(id, 1, "event-" + AWKWARD, "NegotiationOpened", at, AWKWARD, "corr\t1",
                "{\"title\":\"a\\tb\\\\c\\u0000\",\"x\":\"" + AWKWARD.replace("\\", "\\\\").replace("\"", "\\\"")
                        .replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") + "\"}",
                "subject " + AWKWARD, "party:UA"));
        written.add(new TimelineEntry(id, 2, "event-2", "MoveProposed", at.plusSeconds(1), null, null, "{}", null,
                null));
        for (int v = 3; v <= 500; v++) {
            written.add(new TimelineEntry(id, v, "event-" + v, "MoveProposed", at.plusMillis(v), "UA", "c-" + v,
                    "{\"n\":" + v + "}", "ua-team", "party:UA"));
        }
        inTransaction(service, () -> timeline.insert(written));

        List<TimelineEntry> read = timeline.page(id, 1, 1000);

        assertThat(read).hasSize(500);
        assertThat(read.get(0)).isEqualTo(new TimelineEntry(id, 1, written.get(0).eventId(), "NegotiationOpened",
                Instant.parse("2026-03-01T10:15:30.123456Z"), AWKWARD, "corr\t1", written.get(0).data(),
                "subject " + AWKWARD, "party:UA"));
        assertThat(read.get(1).actor()).isNull();
        assertThat(read.get(1).correlationId()).isNull();
        assertThat(read.get(1).actorSubject()).isNull();
        assertThat(read.get(1).actorRole()).isNull();
        assertThat(read.subList(2, 500)).containsExactlyElementsOf(written.subList(2, 500).stream()
                .map(e -> new TimelineEntry(e.negotiationId(), e.version(), e.eventId(), e.type(),
                        e.at().truncatedTo(java.time.temporal.ChronoUnit.MICROS), e.actor(), e.correlationId(),
                        e.data(), e.actorSubject(), e.actorRole()))
                .toList());
    }

    @Test
    void an_entry_already_there_refuses_the_whole_write(QueryService service) {
        TimelineEntries timeline = service.app().getBean(TimelineEntries.class);
        String id = "storage-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-03-01T10:15:30Z");
        inTransaction(service, () -> timeline.insert(List.of(entry(id, 1, at))));

        assertThatThrownBy(() -> inTransaction(service,
                () -> timeline.insert(List.of(entry(id, 2, at), entry(id, 1, at), entry(id, 3, at)))))
                .isInstanceOf(DataAccessException.class);

        assertThat(timeline.page(id, 1, 10)).extracting(TimelineEntry::version).containsExactly(1L);
    }

    private static TimelineEntry entry(String id, long version, Instant at) {
        return new TimelineEntry(id, version, "e-" + version, "MoveProposed", at, "UA", null, "{}", null, null);
    }

    private static void inTransaction(QueryService service, Runnable work) {
        service.app().getBean(TransactionTemplate.class).executeWithoutResult(status -> work.run());
    }
}
