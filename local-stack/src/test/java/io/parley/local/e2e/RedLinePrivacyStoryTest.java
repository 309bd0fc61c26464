package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Red lines stay with their party when everyone holds a real token: Ukraine and an observer read everything they can
 * and find no other party's red line in any of it, while the facilitator's timeline says who, by token, did what.
 */
@ExtendWith(RunningStack.class)
class RedLinePrivacyStoryTest {

    /** Each party's red line: title and expression, written so that neither appears anywhere by accident. */
    private static final Map<String, List<String>> RED_LINES = new LinkedHashMap<>();

    static {
        RED_LINES.put("UA", List.of("Kyiv keeps the door to NATO ajar",
                "deal.nato_membership == 'PURSUE' || deal.nato_membership == 'PAUSED'"));
        RED_LINES.put("RU", List.of("Moscow: Ukraine stays out of NATO for good", "deal.nato_membership != 'PURSUE'"));
        RED_LINES.put("US", List.of("Washington sends no tripwire force", "!('US_TRIPWIRE' in deal.foreign_troops)"));
        RED_LINES.put("EU", List.of("Brussels wants a coalition guarantee",
                "deal.security_guarantee.kind == 'EUROPEAN_COALITION'"));
    }

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(RunningStack.get());
    }

    @Test
    void givenARedLineForEveryParty_whenUkraineAndAnObserverReadAllTheyCan_thenNoOtherPartysRedLineShows() {
        Table table = Table.openUkraine(api);
        // Three parties declare their own; the facilitator enters Europe's on its behalf.
        declare(table, "UA", "UA");
        declare(table, "RU", "RU");
        declare(table, "US", "US");
        declare(table, "facilitator", "EU");
        String pursue = table.propose("UA", "nato_membership", "PURSUE");
        table.dealAt(6);

        String ukraine = everythingReadableBy("UA", table);
        assertThat(ukraine).contains(RED_LINES.get("UA").get(0));
        assertThat(ukraine).doesNotContain(secretsOf("RU", "US", "EU"));

        String observer = everythingReadableBy("observer", table);
        assertThat(observer).contains(pursue);
        assertThat(observer).doesNotContain(secretsOf("UA", "RU", "US", "EU"));

        JsonNode facilitatorsDeal = api.getAs(table.path("/deal"), "facilitator").json();
        assertThat(facilitatorsDeal.get("redLines")).extracting(r -> r.get("title").asText())
                .containsExactlyElementsOf(RED_LINES.values().stream().map(l -> l.get(0)).toList());
    }

    @Test
    void theFacilitatorsTimelineSaysWhichTokenWasBehindEachEventAndNoOneElsesDoes() {
        Table table = Table.openUkraine(api);
        declare(table, "RU", "RU");
        declare(table, "facilitator", "EU");
        String proposal = table.propose("UA", "nato_membership", "PAUSED");
        table.accept("RU", proposal);
        table.dealAt(5);

        JsonNode timeline = table.timeline("facilitator");

        assertThat(timeline).extracting(e -> e.get("type").asText()).containsExactly(
                "NegotiationOpened", "RedLineDeclared", "RedLineDeclared", "MoveProposed", "MoveAccepted");
        assertThat(timeline).extracting(e -> e.path("subject").asText(null))
                .containsExactly("facilitator", "team-ru", "facilitator", "team-ua", "team-ru");
        assertThat(timeline).extracting(e -> e.path("role").asText(null))
                .containsExactly("facilitator", "party:RU", "facilitator", "party:UA", "party:RU");
        assertThat(timeline.get(2).get("data").get("party").asText())
                .as("Europe's red line, entered by the facilitator").isEqualTo("EU");

        for (String reader : List.of("UA", "RU", "observer")) {
            assertThat(table.timeline(reader)).as(reader + "'s timeline")
                    .allSatisfy(e -> assertThat(e.has("subject") || e.has("role")).isFalse());
        }
    }

    // ------------------------------------------------------------------

    private void declare(Table table, String actor, String party) {
        Api.Reply r = api.post(table.path("/red-lines")).as(actor).json(Map.of("party", party,
                "title", RED_LINES.get(party).get(0), "expression", RED_LINES.get(party).get(1))).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /**
     * Every response body the reader can get about the negotiation, refusals included, and every text value in it
     * as decoded JSON, so that an escaped character cannot hide a red line from the search.
     */
    private String everythingReadableBy(String reader, Table table) {
        List<Api.Reply> replies = List.of(
                api.getAs(table.path("/deal"), reader),
                api.getAs(table.path("/timeline"), reader),
                api.getAs(table.path("/timeline?from=2&limit=1"), reader),
                api.getAs("/api/negotiations?limit=1000", reader),
                api.getAs(table.path("/analysis"), reader),
                api.getAs(table.path("/analysis?party=RU"), reader));
        assertThat(replies.subList(0, 4)).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        assertThat(replies.subList(4, 6)).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(403));
        StringBuilder all = new StringBuilder();
        for (Api.Reply r : replies) {
            all.append(r.body()).append('\n');
            collectText(r.json(), all);
        }
        return all.toString();
    }

    private static void collectText(JsonNode node, StringBuilder into) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            into.append(node.asText()).append('\n');
        }
        node.fieldNames().forEachRemaining(name -> into.append(name).append('\n'));
        node.forEach(child -> collectText(child, into));
    }

    private static String[] secretsOf(String... parties) {
        List<String> secrets = new ArrayList<>();
        for (String party : parties) {
            secrets.addAll(RED_LINES.get(party));
        }
        return secrets.toArray(String[]::new);
    }
}
