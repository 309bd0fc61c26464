package io.parley.query.intake;

import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.model.negotiation.MoveAccepted;
import io.parley.query.support.Session;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.parley.query.support.Projected.agreedNatoPause;
import static org.assertj.core.api.Assertions.assertThat;

/** Given the stored deals and a batch of records, the verdicts: no database, no Spring. */
class ProjectorTest {

    private long offset;

    @Test
    void the_versions_after_the_stored_one_apply_in_order_and_the_deal_ends_at_the_last() {
        Session session = agreedNatoPause("Applied");
        List<PublishedEvent> events = session.events();

        Projection projection = project(Map.of(), records(events));

        assertThat(projection.verdicts()).allMatch(Verdict.Applied.class::isInstance);
        assertThat(projection.verdicts()).extracting(v -> ((Verdict.Applied) v).event())
                .containsExactlyElementsOf(events);
        assertThat(projection.deals()).containsOnlyKeys(session.id());
        assertThat(projection.deals().get(session.id()).version()).isEqualTo(session.version());
    }

    @Test
    void versions_the_deal_already_has_are_duplicates_and_change_nothing() {
        Session session = agreedNatoPause("Redelivered");
        List<PublishedEvent> events = session.events();
        DealState stored = fold(events);

        Projection projection = project(Map.of(session.id(), stored), records(events.subList(1, 3)));

        assertThat(projection.verdicts()).hasSize(2).allMatch(Verdict.Duplicate.class::isInstance);
        assertThat(projection.verdicts()).extracting(v -> ((Verdict.Duplicate) v).version()).containsExactly(2L, 3L);
        assertThat(projection.deals()).isEmpty();
    }

    @Test
    void a_version_beyond_the_next_is_parked_as_a_gap_and_the_records_behind_it_park_too() {
        Session session = agreedNatoPause("Gap");
        List<PublishedEvent> events = session.events();
        List<ConsumerRecord<String, byte[]>> records = records(List.of(events.get(0), events.get(1), events.get(3),
                events.get(4)));

        Projection projection = project(Map.of(), records);

        assertThat(projection.verdicts().subList(0, 2)).allMatch(Verdict.Applied.class::isInstance);
        assertThat(projection.verdicts().get(2)).isEqualTo(new Verdict.Parked(records.get(2), session.id(), 4L,
                ParkKind.GAP, "negotiation is at version 2; version 3 is missing"));
        assertThat(((Verdict.Parked) projection.verdicts().get(3)).reason())
                .isEqualTo("negotiation is at version 2; versions 3..4 are missing");
        assertThat(projection.deals().get(session.id()).version()).isEqualTo(2);
        assertThat(projection.gaps()).isEqualTo(2);
    }

    @Test
    void an_event_the_fold_refuses_is_parked_and_the_next_version_still_applies() {
        Session session = agreedNatoPause("Refused");
        long agreedAt = session.version();
        long next = agreedAt + 1;
        PublishedEvent acceptsNothing = new PublishedEvent("bogus-" + next, session.id(), next, Instant.now(), "RU",
                null, new MoveAccepted(session.id(), "move-x", "RU", "no-such-proposal", null));
        List<PublishedEvent> events = new ArrayList<>(session.events());
        events.add(acceptsNothing);
        session.propose("RU", "foreign_troops", "[\"NONE\"]", null);
        events.add(session.events().get(session.events().size() - 1));

        Projection projection = project(Map.of(), records(events));

        Verdict refused = projection.verdicts().get(events.size() - 2);
        assertThat(refused).isInstanceOf(Verdict.Parked.class);
        assertThat(((Verdict.Parked) refused).kind()).isEqualTo(ParkKind.FOLD_FAILED);
        assertThat(((Verdict.Parked) refused).reason()).startsWith("MoveAccepted does not fit the deal at version "
                + agreedAt + ": ").contains("no-such-proposal");
        assertThat(projection.verdicts().get(events.size() - 1)).isInstanceOf(Verdict.Applied.class);
        assertThat(projection.deals().get(session.id()).version()).isEqualTo(next);
    }

    @Test
    void a_record_that_is_not_an_event_is_parked_as_malformed_without_stopping_the_others() {
        Session session = agreedNatoPause("Malformed in between");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(records(session.events().subList(0, 1)));
        records.add(record("x", "not an event".getBytes(StandardCharsets.UTF_8)));
        records.add(record("y", null));
        records.addAll(records(session.events().subList(1, 2)));

        Projection projection = project(Map.of(), records);

        assertThat(projection.verdicts()).extracting(v -> v.getClass().getSimpleName())
                .containsExactly("Applied", "Parked", "Parked", "Applied");
        Verdict.Parked empty = (Verdict.Parked) projection.verdicts().get(2);
        assertThat(empty).isEqualTo(new Verdict.Parked(records.get(2), null, null, ParkKind.MALFORMED,
                "the record has no value"));
        assertThat(projection.parked()).extracting(Verdict.Parked::kind)
                .containsExactly(ParkKind.MALFORMED, ParkKind.MALFORMED);
        assertThat(projection.deals().get(session.id()).version()).isEqualTo(2);
    }

    @Test
    void negotiations_are_judged_each_on_its_own_and_verdicts_keep_the_records_order() {
        Session one = agreedNatoPause("One");
        Session other = agreedNatoPause("Other");
        List<PublishedEvent> interleaved = new ArrayList<>();
        for (int i = 0; i < one.events().size(); i++) {
            interleaved.add(other.events().get(i));
            interleaved.add(one.events().get(i));
        }
        Map<String, DealState> stored = Map.of(one.id(), fold(one.events().subList(0, 2)));

        Projection projection = project(stored, records(interleaved));

        for (int i = 0; i < interleaved.size(); i++) {
            PublishedEvent event = interleaved.get(i);
            boolean duplicate = event.negotiationId().equals(one.id()) && event.version() <= 2;
            assertThat(projection.verdicts().get(i))
                    .isInstanceOf(duplicate ? Verdict.Duplicate.class : Verdict.Applied.class);
        }
        assertThat(projection.deals()).containsOnlyKeys(other.id(), one.id());
    }

    @Test
    void the_deal_as_its_row_keeps_it_has_no_closed_proposals() {
        Session session = agreedNatoPause("Closed proposals");

        Projection projection = project(Map.of(), records(session.events()));

        assertThat(projection.deals().get(session.id())).isEqualTo(session.state().withoutClosedProposals());
    }

    private static Projection project(Map<String, DealState> stored, List<ConsumerRecord<String, byte[]>> records) {
        return Projector.project(records.stream().map(Incoming::read).toList(), stored);
    }

    private static DealState fold(List<PublishedEvent> events) {
        DealState state = DealState.EMPTY;
        for (PublishedEvent e : events) {
            state = state.apply(e.event());
        }
        return state.withoutClosedProposals();
    }

    private List<ConsumerRecord<String, byte[]>> records(List<PublishedEvent> events) {
        return events.stream().map(e -> record(e.negotiationId(), EventJson.write(e))).toList();
    }

    private ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("negotiation.events", 0, offset++, key, value);
    }
}
