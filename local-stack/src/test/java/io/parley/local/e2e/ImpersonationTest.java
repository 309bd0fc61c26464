package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team trying to pass for someone else: naming another party in the body, claiming to be the facilitator with
 * the development header, or using a token meant for one negotiation on another. Every attempt is refused and
 * appends nothing; the same token does what it may where it may.
 */
@ExtendWith(RunningStack.class)
class ImpersonationTest {

    private Api api;
    private Table table;
    private String proposal;

    @BeforeEach
    void givenAUkraineTableWithARussianProposal() {
        api = new Api(RunningStack.get());
        table = Table.openUkraine(api);
        proposal = table.propose("RU", "army_cap", 600000);
    }

    @Test
    void ukrainesTokenCannotActAsRussiaWhateverTheBodySays() {
        Api.Reply move = api.post(table.path("/moves")).as("UA")
                .json(Map.of("party", "RU", "kind", "PROPOSE", "term", "nato_membership", "value", "PURSUE")).send();
        Api.Reply withdraw = api.post(table.path("/moves")).as("UA")
                .json(Map.of("party", "RU", "kind", "WITHDRAW", "moveId", proposal)).send();
        Api.Reply sign = api.post(table.path("/signatures")).as("UA").json(Map.of("party", "RU")).send();
        Api.Reply redLine = api.post(table.path("/red-lines")).as("UA")
                .json(Map.of("party", "RU", "title", "planted", "expression", "deal.nato_membership != 'PURSUE'")).send();

        assertThat(List.of(move, withdraw, sign, redLine)).allSatisfy(r -> assertForbidden(r));
        assertNothingAppendedSince(2);
    }

    @Test
    void theDevelopmentHeaderIsIgnoredWhenTokensAreOn() {
        Api.Reply partyAsFacilitator = api.post("/api/negotiations").as("UA").header("X-Actor", "facilitator")
                .json(Map.of("scenario", "ukraine-2025")).send();
        assertForbidden(partyAsFacilitator);

        Api.Reply headerAlone = api.post("/api/negotiations").header("X-Actor", "facilitator")
                .json(Map.of("scenario", "ukraine-2025")).send();
        assertThat(headerAlone.status()).as(headerAlone.toString()).isEqualTo(401);

        Api.Reply partyAsRussia = api.post(table.path("/moves")).as("UA").header("X-Actor", "RU")
                .json(Map.of("party", "RU", "kind", "WITHDRAW", "moveId", proposal)).send();
        assertForbidden(partyAsRussia);

        Api.Reply readAsFacilitator = api.read(table.path("/analysis")).as("observer").header("X-Actor", "facilitator").send();
        assertForbidden(readAsFacilitator);
        assertNothingAppendedSince(2);
    }

    @Test
    void aTokenLimitedToOneNegotiationIsRefusedOnAnotherAndWorksOnItsOwn() {
        Table other = Table.openUkraine(api);
        String limited = TestTokens.limitedTo("team-ua", "party:UA", List.of(table.id));

        Api.Reply elsewhereMove = api.post(other.path("/moves")).bearer(limited)
                .json(Map.of("party", "UA", "kind", "PROPOSE", "term", "nato_membership", "value", "PAUSED")).send();
        Api.Reply elsewhereRedLine = api.post(other.path("/red-lines")).bearer(limited)
                .json(Map.of("party", "UA", "title", "t", "expression", "deal.nato_membership != 'PURSUE'")).send();
        other.dealAt(1);
        Api.Reply elsewhereDeal = api.read(other.path("/deal")).bearer(limited).send();
        Api.Reply elsewhereTimeline = api.read(other.path("/timeline")).bearer(limited).send();
        assertThat(List.of(elsewhereMove, elsewhereRedLine, elsewhereDeal, elsewhereTimeline))
                .allSatisfy(r -> assertForbidden(r));
        // Refused from the id alone: a negotiation that does not exist is no different.
        assertForbidden(api.read("/api/negotiations/" + UUID.randomUUID() + "/deal").bearer(limited).send());

        Api.Reply ownMove = api.post(table.path("/moves")).bearer(limited)
                .json(Map.of("party", "UA", "kind", "ACCEPT", "moveId", proposal)).send();
        assertThat(ownMove.status()).as(ownMove.toString()).isEqualTo(201);
        assertThat(ownMove.json().get("version").asLong()).isEqualTo(3);
        table.dealAt(3);
        Api.Reply ownDeal = api.read(table.path("/deal")).bearer(limited).send();
        assertThat(ownDeal.status()).as(ownDeal.toString()).isEqualTo(200);
        assertThat(ownDeal.json().get("version").asLong()).isEqualTo(3);

        Api.Reply list = api.read("/api/negotiations?limit=1000").bearer(limited).send();
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json()).extracting(s -> s.get("id").asText()).containsExactly(table.id);

        assertThat(other.timeline("facilitator")).as("nothing reached the other negotiation").hasSize(1);
    }

    @Test
    void aFacilitatorTokenLimitedToNegotiationsCannotOpenOne() {
        String limited = TestTokens.limitedTo("facilitator", "facilitator", List.of(table.id));

        Api.Reply open = api.post("/api/negotiations").bearer(limited).json(Map.of("scenario", "ukraine-2025")).send();

        assertForbidden(open);
        table.dealAt(2);
        Api.Reply analysis = api.read(table.path("/analysis")).bearer(limited).send();
        assertThat(analysis.status()).as("it still runs its own session: " + analysis).isEqualTo(200);
    }

    // ------------------------------------------------------------------

    private static void assertForbidden(Api.Reply r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("type").asText()).isEqualTo("urn:parley:problem:forbidden");
    }

    /** Russia's next valid move lands at {@code version + 1}: nothing was appended since {@code version}. */
    private void assertNothingAppendedSince(long version) {
        Api.Reply marker = table.move("RU", Map.of("party", "RU", "kind", "PROPOSE", "term", "eu_membership", "value", "PAUSED"));
        assertThat(marker.status()).as(marker.toString()).isEqualTo(201);
        assertThat(marker.json().get("version").asLong()).isEqualTo(version + 1);
        table.dealAt(version + 1);
        JsonNode timeline = table.timeline("facilitator");
        assertThat(timeline).hasSize((int) version + 1);
        assertThat(timeline).extracting(e -> e.get("actor").asText()).containsExactly("facilitator", "RU", "RU");
    }
}
