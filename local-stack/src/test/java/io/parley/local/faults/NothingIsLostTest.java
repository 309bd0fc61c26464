package io.parley.local.faults;

import io.parley.local.e2e.TestStack;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checker itself: it passes a negotiation played normally and fails one where a promise was broken. */
@Tag("faults")
@ExtendWith(FaultStack.class)
class NothingIsLostTest {

    private final TestStack stack = FaultStack.get();
    private final Http http = new Http(stack);
    private final NothingIsLost checker = new NothingIsLost(stack);
    private final Acknowledged acknowledged = new Acknowledged();
    private String negotiation;
    private Http.Reply proposed;

    @BeforeEach
    void givenAProposalThatLanded() {
        Http.Reply opened = http.post("/api/negotiations", "facilitator", Map.of("title", "Checked",
                "parties", List.of(Map.of("id", "UA"), Map.of("id", "RU")),
                "terms", List.of(Map.of("id", "monitors", "type", "ENUM", "values", List.of("OSCE", "UN")))));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        negotiation = opened.json().path("id").asText();
        proposed = http.post("/api/negotiations/" + negotiation + "/moves", "UA",
                Map.of("party", "UA", "kind", "PROPOSE", "term", "monitors", "value", "UN"));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        acknowledged.move(negotiation, proposed.json().path("moveId").asText(), proposed.json().path("version").asLong());
    }

    @Test
    void aNegotiationPlayedNormallyKeepsEveryPromise() {
        NothingIsLost.Figures figures = checker.check(acknowledged);

        assertThat(figures.events()).isEqualTo(2);
        assertThat(figures.records()).isEqualTo(2);
    }

    @Test
    void aMoveAcknowledgedButNotStoredIsReported() {
        String lost = UUID.randomUUID().toString();
        acknowledged.move(negotiation, lost, 3);

        assertThatThrownBy(() -> checker.check(acknowledged)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(lost);
    }

    @Test
    void twoAnswersWithTheSameVersionAreReported() {
        acknowledged.move(negotiation, proposed.json().path("moveId").asText(), 2);

        assertThatThrownBy(() -> checker.check(acknowledged)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("versions acknowledged in " + negotiation);
    }
}
