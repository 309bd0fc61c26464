package io.parley.model.deal;

import static io.parley.testing.Callers.FACILITATOR;
import static io.parley.testing.Callers.as;
import static io.parley.testing.Callers.team;

import io.parley.model.negotiation.DeclareRedLine;
import io.parley.model.negotiation.RedLineDeclared;
import io.parley.model.negotiation.RetractRedLine;
import io.parley.model.negotiation.RuleViolation;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A party keeps at most {@value DealState#MAX_RED_LINES_PER_PARTY} red lines in force. */
class RedLineLimitTest {

    private static final String NOT_IN_NATO = "deal.nato_membership != 'PURSUE'";

    @Test
    void givenAPartyAtTheLimitWhenItDeclaresOneMoreThenItIsRefusedAndNamesTheWayOut() {
        Sessions s = Sessions.ukraine();
        for (int i = 0; i < DealState.MAX_RED_LINES_PER_PARTY; i++) {
            declare(s, "RU", "RU");
        }

        assertThatThrownBy(() -> declare(s, "RU", "RU"))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.code()).isEqualTo("too-many-red-lines"))
                .hasMessageContaining("RU already has 20 red lines in force")
                .hasMessageContaining("retract one");
        assertThatThrownBy(() -> declare(s, "RU", "facilitator"))
                .as("the facilitator declaring on RU's behalf counts against RU's limit")
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void givenAPartyAtTheLimitThenOtherPartiesMayStillDeclareAndARetractionMakesRoom() {
        Sessions s = Sessions.ukraine();
        String first = declare(s, "RU", "RU");
        for (int i = 1; i < DealState.MAX_RED_LINES_PER_PARTY; i++) {
            declare(s, "RU", "RU");
        }

        assertThat(s.run(new DeclareRedLine(s.id, UUID.randomUUID().toString(), "UA", "UA's own", NOT_IN_NATO,
                team("UA"), null))).singleElement().isInstanceOf(RedLineDeclared.class);

        s.run(new RetractRedLine(s.id, first, team("RU"), null));
        assertThat(s.run(new DeclareRedLine(s.id, UUID.randomUUID().toString(), "RU", "again", NOT_IN_NATO, team("RU"),
                null))).singleElement().isInstanceOf(RedLineDeclared.class);
    }

    private static String declare(Sessions s, String party, String actor) {
        String id = UUID.randomUUID().toString();
        s.run(new DeclareRedLine(s.id, id, party, "line " + id, NOT_IN_NATO, as(actor), null));
        return id;
    }
}
