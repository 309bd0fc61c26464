package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A session from opening to signature on a custom table, with every kind of move. */
@ExtendWith(RunningStack.class)
class FullSessionStoryTest {

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(RunningStack.get());
    }

    @Test
    void givenACustomTable_whenPartiesCounterRejectWithdrawAndAgree_thenEverySignatureConcludesTheDeal() {
        Table table = Table.open(api, Map.of(
                "title", "Ceasefire line talks",
                "parties", List.of(Map.of("id", "UA", "name", "Ukraine"), Map.of("id", "RU", "name", "Russia"),
                        Map.of("id", "US", "name", "United States")),
                "terms", List.of(
                        Map.of("id", "strike_limits_km", "type", "INTEGER", "min", 0, "max", 1000),
                        // Only the two sides of the line must consent to monitoring.
                        Map.of("id", "monitors", "type", "ENUM", "values", List.of("OSCE", "UN", "NONE"),
                                "consent", List.of("UA", "RU")))));

        String fifty = table.propose("UA", "strike_limits_km", 50);
        Api.Reply counter = table.move("RU", Map.of("party", "RU", "kind", "COUNTER", "moveId", fifty, "value", 300));
        assertThat(counter.status()).as(counter.toString()).isEqualTo(201);
        String threeHundred = counter.json().get("moveId").asText();
        table.answer("UA", "REJECT", threeHundred);
        String hundred = table.propose("US", "strike_limits_km", 100);
        String twoHundred = table.propose("RU", "strike_limits_km", 200);
        table.answer("RU", "WITHDRAW", twoHundred);
        table.accept("UA", hundred);
        table.accept("RU", hundred);

        String osce = table.propose("RU", "monitors", "OSCE");
        long agreed = table.accept("UA", osce);

        JsonNode deal = table.dealAt(agreed);
        assertThat(deal.get("terms").get("strike_limits_km").get("value").asLong()).isEqualTo(100);
        assertThat(deal.get("terms").get("monitors").get("status").asText()).isEqualTo("AGREED");
        assertThat(deal.get("terms").get("monitors").get("value").asText()).isEqualTo("OSCE");

        for (String party : List.of("UA", "RU", "US")) {
            Api.Reply signed = api.post("/api/negotiations/" + table.id + "/signatures").as(party)
                    .json(Map.of("party", party)).send();
            assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        }
        long last = agreed + 4; // three signatures and the conclusion
        JsonNode concluded = table.dealAt(last);
        assertThat(concluded.get("status").asText()).isEqualTo("CONCLUDED");
        assertThat(concluded.get("version").asLong()).isEqualTo(last);

        JsonNode timeline = table.timeline();
        assertThat(timeline).extracting(e -> e.get("type").asText()).containsExactly(
                "NegotiationOpened", "MoveProposed", "MoveCountered", "MoveRejected", "MoveProposed", "MoveProposed",
                "MoveWithdrawn", "MoveAccepted", "MoveAccepted", "TermAgreed", "MoveProposed", "MoveAccepted",
                "TermAgreed", "DealSigned", "DealSigned", "DealSigned", "NegotiationConcluded");

        Api.Reply tooLate = table.move("US", Map.of("party", "US", "kind", "PROPOSE", "term", "strike_limits_km", "value", 10));
        assertThat(tooLate.status()).as(tooLate.toString()).isEqualTo(409);
    }
}
