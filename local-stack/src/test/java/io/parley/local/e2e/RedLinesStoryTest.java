package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Red lines end to end: declared through the command service, checked against every version by the query
 * service, private to their party, and weighed by the facilitator's analysis.
 */
@ExtendWith(RunningStack.class)
class RedLinesStoryTest {

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(RunningStack.get());
    }

    @Test
    void givenRussiasNatoRedLine_whenUkraineProposesToPursueMembership_thenItIsAtRiskAndAnAgreedPauseHoldsIt() {
        Table table = Table.openUkraine(api);
        String ru = declare(table, "RU", "RU", "Ukraine never in NATO", "deal.nato_membership != 'PURSUE'");
        declare(table, "UA", "UA", "A guarantee, or no disarmament",
                "deal.security_guarantee.kind != 'NONE' || deal.army_cap == UNLIMITED");

        JsonNode open = redLine(table, 3, "RU", ru);
        assertThat(open.get("verdict").asText()).isEqualTo("UNDETERMINED");
        assertThat(open.get("atRisk").asBoolean()).isFalse();

        String pursue = table.propose("UA", "nato_membership", "PURSUE");
        JsonNode atRisk = redLine(table, 4, "RU", ru);
        assertThat(atRisk.get("verdict").asText()).isEqualTo("UNDETERMINED");
        assertThat(atRisk.get("atRisk").asBoolean()).isTrue();
        assertThat(atRisk.get("atRiskBy")).extracting(JsonNode::asText).containsExactly(pursue);

        Api.Reply counter = table.move("RU", Map.of("party", "RU", "kind", "COUNTER", "moveId", pursue, "value", "PAUSED"));
        String paused = counter.json().get("moveId").asText();
        table.accept("UA", paused);
        table.accept("US", paused);
        long agreed = table.accept("EU", paused);

        JsonNode holds = redLine(table, agreed, "RU", ru);
        assertThat(holds.get("verdict").asText()).isEqualTo("HOLDS");
        assertThat(holds.get("atRisk").asBoolean()).isFalse();
    }

    @Test
    void eachPartySeesOnlyItsOwnRedLinesAndTheFacilitatorSeesAll() {
        Table table = Table.openUkraine(api);
        declare(table, "RU", "RU", "No US forces", "!('US_TRIPWIRE' in deal.foreign_troops)");
        declare(table, "facilitator", "US", "No bilateral treaty", "deal.security_guarantee.kind != 'US_BILATERAL'");
        table.dealAt(3);

        List<String> uaSees = texts(api.getAs("/api/negotiations/" + table.id + "/deal", "UA"),
                api.getAs("/api/negotiations/" + table.id + "/timeline", "UA"));
        // The catalogue itself names US_TRIPWIRE and US_BILATERAL; the red lines' texts are what must not show.
        String[] secrets = {"No US forces", "'US_TRIPWIRE' in deal.foreign_troops", "No bilateral treaty",
                "kind != 'US_BILATERAL'"};
        assertThat(String.join("\n", uaSees)).doesNotContain(secrets);
        String observer = api.getAs("/api/negotiations/" + table.id + "/deal", "observer").body()
                + api.getAs("/api/negotiations/" + table.id + "/timeline", "observer").body();
        assertThat(observer).doesNotContain(secrets);

        JsonNode facilitator = api.getAs("/api/negotiations/" + table.id + "/deal", "facilitator").json();
        assertThat(facilitator.get("redLines")).extracting(r -> r.get("party").asText()).containsExactly("RU", "US");
        JsonNode russia = api.getAs("/api/negotiations/" + table.id + "/deal", "RU").json();
        assertThat(russia.get("redLines")).extracting(r -> r.get("title").asText()).containsExactly("No US forces");
    }

    @Test
    void theAnalysisFindsAPackageEveryoneCanLiveWithOrNamesTheRedLinesThatClash() {
        Table table = Table.openUkraine(api);
        declare(table, "RU", "RU", "Ukraine never in NATO", "deal.nato_membership != 'PURSUE'");
        String uaMax = declare(table, "UA", "UA", "NATO membership", "deal.nato_membership == 'PURSUE'");
        declare(table, "US", "US", "No US troops", "!('US_TRIPWIRE' in deal.foreign_troops)");
        table.dealAt(4);

        Api.Reply denied = api.getAs("/api/negotiations/" + table.id + "/analysis", "UA");
        assertThat(denied.status()).as(denied.toString()).isEqualTo(403);

        JsonNode clash = api.getAs("/api/negotiations/" + table.id + "/analysis", "facilitator").json();
        assertThat(clash.get("feasible").asBoolean()).isFalse();
        assertThat(clash.get("conflict")).extracting(c -> c.get("party").asText()).containsExactlyInAnyOrder("RU", "UA");

        Api.Reply retracted = api.delete("/api/negotiations/" + table.id + "/red-lines/" + uaMax, "UA");
        assertThat(retracted.status()).as(retracted.toString()).isEqualTo(204);
        table.dealAt(5);

        JsonNode space = api.getAs("/api/negotiations/" + table.id + "/analysis", "facilitator").json();
        assertThat(space.get("feasible").asBoolean()).isTrue();
        JsonNode deal = space.get("package");
        assertThat(deal.get("nato_membership").asText()).isNotEqualTo("PURSUE");
        assertThat(deal.get("foreign_troops")).extracting(JsonNode::asText).doesNotContain("US_TRIPWIRE");
    }

    // ------------------------------------------------------------------

    private String declare(Table table, String actor, String party, String title, String expression) {
        Api.Reply r = api.post("/api/negotiations/" + table.id + "/red-lines").as(actor)
                .json(Map.of("party", party, "title", title, "expression", expression)).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("redLineId").asText();
    }

    /** The red line as its own party sees it once the query side has reached {@code version}. */
    private JsonNode redLine(Table table, long version, String party, String redLineId) {
        table.dealAt(version);
        JsonNode deal = api.getAs("/api/negotiations/" + table.id + "/deal", party).json();
        for (JsonNode line : deal.get("redLines")) {
            if (line.get("id").asText().equals(redLineId)) {
                return line;
            }
        }
        throw new AssertionError(party + " does not see red line " + redLineId + " in " + deal);
    }

    private static List<String> texts(Api.Reply... replies) {
        return java.util.Arrays.stream(replies).map(Api.Reply::body).toList();
    }
}
