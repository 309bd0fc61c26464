package io.parley.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.negotiation.DealSigned;
import io.parley.model.negotiation.MoveAccepted;
import io.parley.model.negotiation.MoveCountered;
import io.parley.model.negotiation.MoveProposed;
import io.parley.model.negotiation.MoveRejected;
import io.parley.model.negotiation.MoveWithdrawn;
import io.parley.model.negotiation.NegotiationCollapsed;
import io.parley.model.negotiation.NegotiationConcluded;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.NegotiationOpened;
import io.parley.model.negotiation.RedLineDeclared;
import io.parley.model.negotiation.RedLineRetracted;
import io.parley.model.negotiation.TermAgreed;
import io.parley.model.scenario.Scenarios;
import io.parley.model.term.TermValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public event format is a contract with consumers outside the project: it must read back exactly. */
class EventJsonTest {

    static final String ID = "6f1c2a9e-4b7d-4f7a-9a51-2f0f5d1e8c11";

    /** One example of every event type (the same examples docs/events.md shows). */
    static List<NegotiationEvent> examples() {
        var s = Scenarios.find("ukraine-2025").orElseThrow();
        TreeMap<String, TermValue> guarantee = new TreeMap<>(Map.of(
                "kind", new TermValue.Text("EUROPEAN_COALITION"),
                "compensation_required", new TermValue.Flag(false),
                "void_conditions", new TermValue.Text("Ukrainian strikes deep into Russia")));
        return List.of(
                new NegotiationOpened(ID, s.title(), s.id(), s.parties(), s.terms()),
                new MoveProposed(ID, "m-1", "UA", "nato_membership", new TermValue.Text("PAUSED"), "pause, not renounce"),
                new MoveCountered(ID, "m-2", "RU", "m-1", "nato_membership", new TermValue.Text("CONSTITUTIONAL_NEUTRALITY"), null),
                new MoveAccepted(ID, "m-3", "US", "m-2", null),
                new MoveRejected(ID, "m-4", "UA", "m-2", "neutrality without a guarantee is not enough"),
                new MoveWithdrawn(ID, "m-5", "RU", "m-2", null),
                new MoveProposed(ID, "m-6", "EU", "security_guarantee", new TermValue.Fields(guarantee), null),
                new MoveProposed(ID, "m-7", "RU", "aid_excluded",
                        new TermValue.Members(List.of("LONG_RANGE_MUNITIONS", "INTERMEDIATE_RANGE_MISSILES")), null),
                new MoveProposed(ID, "m-8", "US", "defense_spending_pct_gdp", new TermValue.Decimal(new BigDecimal("3")), null),
                new TermAgreed(ID, "army_cap", "m-9", new TermValue.Text("UNLIMITED")),
                new TermAgreed(ID, "strike_limits_km", "m-10", new TermValue.Whole(300)),
                new DealSigned(ID, "UA"),
                new RedLineDeclared(ID, "ru-no-nato", "RU", "Ukraine never in NATO", "deal.nato_membership != 'PURSUE'", "facilitator"),
                new RedLineRetracted(ID, "ru-no-nato", "RU", "RU"),
                new NegotiationConcluded(ID, Map.of("nato_membership", new TermValue.Text("PAUSED"))),
                new NegotiationCollapsed(ID, "talks broke down"));
    }

    @Test
    void theExamplesCoverEveryEventType() {
        assertThat(examples().stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet()))
                .isEqualTo(EventJson.typeNames());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyEventReadsBackAsItWasWritten(NegotiationEvent event) {
        PublishedEvent published = new PublishedEvent("e-1", ID, 7, Instant.parse("2026-11-22T10:15:30.123Z"), "UA", "c-1", event);

        PublishedEvent read = EventJson.read(EventJson.write(published));

        assertThat(read).isEqualTo(published);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyEventReadsBackFromItsStoredFormUnderItsClassName(NegotiationEvent event) throws Exception {
        byte[] stored = EventJson.mapper().writeValueAsBytes(event);

        assertThat(EventJson.readStored(event.getClass().getName(), stored)).isEqualTo(event);
    }

    @Test
    void aStoredPayloadOfAnotherClassOrForm() {
        byte[] stored = "{\"negotiationId\": \"n\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.readStored(String.class.getName(), stored))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("is not an event type");
        assertThatThrownBy(() -> EventJson.readStored(DealSigned.class.getName(), "[1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("is not a DealSigned");
    }

    @Test
    void theAuthenticatedSubjectAndRoleTravelWithTheEvent() throws Exception {
        PublishedEvent published = new PublishedEvent("e-1", ID, 2, Instant.parse("2026-11-22T10:15:30Z"), "UA", "c-1",
                new DealSigned(ID, "UA"), "team-ua", "party:UA");

        JsonNode json = EventJson.mapper().readTree(EventJson.write(published));

        assertThat(json.get("actorsubject").asText()).isEqualTo("team-ua");
        assertThat(json.get("actorrole").asText()).isEqualTo("party:UA");
        assertThat(EventJson.read(EventJson.write(published))).isEqualTo(published);
    }

    @Test
    void theEnvelopeIsACloudEvent() throws Exception {
        PublishedEvent published = new PublishedEvent("e-1", ID, 2, Instant.parse("2026-11-22T10:15:30Z"), "UA", "c-1",
                new MoveProposed(ID, "m-1", "UA", "nato_membership", new TermValue.Text("PAUSED"), null));

        JsonNode json = EventJson.mapper().readTree(EventJson.write(published));

        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("type").asText()).isEqualTo("io.parley.negotiation.MoveProposed.v1");
        assertThat(json.get("source").asText()).isEqualTo("/negotiations/" + ID);
        assertThat(json.get("subject").asText()).isEqualTo(ID);
        assertThat(json.get("time").asText()).isEqualTo("2026-11-22T10:15:30Z");
        assertThat(json.get("negotiationversion").asLong()).isEqualTo(2);
        assertThat(json.get("data").get("value").asText()).isEqualTo("PAUSED");
        assertThat(json.get("data").get("term").asText()).isEqualTo("nato_membership");
    }

    @Test
    void valuesKeepTheirPlainJsonShapes() throws Exception {
        for (NegotiationEvent e : examples()) {
            JsonNode data = EventJson.mapper().valueToTree(e);
            if (e instanceof MoveProposed p && p.term().equals("defense_spending_pct_gdp")) {
                assertThat(data.get("value").isNumber()).isTrue();
                assertThat(data.get("value").decimalValue()).isEqualByComparingTo("3");
            }
            if (e instanceof MoveProposed p && p.term().equals("aid_excluded")) {
                assertThat(data.get("value").toString()).isEqualTo("[\"INTERMEDIATE_RANGE_MISSILES\",\"LONG_RANGE_MUNITIONS\"]");
            }
            if (e instanceof TermAgreed a && a.term().equals("strike_limits_km")) {
                assertThat(data.get("value").toString()).isEqualTo("300");
            }
        }
    }

    @Test
    void onlyDeclaredFieldsReachTheJsonNotDerivedOnes() {
        JsonNode opened = EventJson.mapper().valueToTree(examples().get(0));
        java.util.Set<String> termFields = new java.util.TreeSet<>();
        opened.get("terms").forEach(t -> t.fieldNames().forEachRemaining(termFields::add));

        assertThat(termFields).containsExactlyInAnyOrder("id", "title", "type", "values", "min", "max", "unlimited", "maxLength", "fields");
        assertThat(opened.fieldNames()).toIterable().containsExactly("negotiationId", "title", "scenario", "parties", "terms");
    }

    @Test
    void malformedRecordsAreNamedNotGuessed() {
        assertThatThrownBy(() -> EventJson.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> EventJson.read("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("object");
        String unknownType = "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"io.parley.negotiation.Nope.v1\",\"time\":\"2026-11-22T10:00:00Z\",\"negotiationid\":\"n\",\"negotiationversion\":1,\"data\":{}}";
        assertThatThrownBy(() -> EventJson.read(unknownType.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("Nope");
        String noVersion = "{\"specversion\":\"1.0\",\"id\":\"x\",\"type\":\"io.parley.negotiation.DealSigned.v1\",\"time\":\"2026-11-22T10:00:00Z\",\"negotiationid\":\"n\",\"data\":{\"negotiationId\":\"n\",\"party\":\"UA\"}}";
        assertThatThrownBy(() -> EventJson.read(noVersion.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEvent.class).hasMessageContaining("negotiationversion");
    }
}
