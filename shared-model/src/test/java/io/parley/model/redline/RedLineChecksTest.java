package io.parley.model.redline;

import io.parley.model.deal.DealState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ukraine-2025 session played move by move: after every move each party sees where its red lines stand.
 * A verdict reads {@code <id> <VERDICT> [by <open terms>] [at risk from <proposals>]}.
 */
class RedLineChecksTest {

    static List<String> verdicts(DealState state) {
        return RedLineChecks.check(state).stream().map(v -> v.redLineId() + " " + v.verdict()
                + (v.undeterminedBy().isEmpty() ? "" : " by " + v.undeterminedBy())
                + (v.atRisk() ? " at risk from " + v.atRiskBy() : "")).toList();
    }

    @Test
    void theReferenceRedLinesThroughASession() {
        Table table = Table.ukraineWith(Table.REFERENCE);

        // Nothing agreed: every red line waits for the terms it reads.
        assertThat(verdicts(table.state)).containsExactly(
                "ru-no-nato UNDETERMINED by [nato_membership]",
                "ru-no-us-forces UNDETERMINED by [foreign_troops]",
                "ru-no-missiles UNDETERMINED by [aid_excluded]",
                "ru-demilitarised UNDETERMINED by [army_cap]",
                "ru-no-bomb UNDETERMINED by [nuclear_deterrent]",
                "ua-guarantee-or-army UNDETERMINED by [security_guarantee, army_cap]",
                "ua-nato UNDETERMINED by [nato_membership]",
                "ua-air-defence UNDETERMINED by [aid_excluded]",
                "us-no-troops UNDETERMINED by [foreign_troops]",
                "us-no-bilateral UNDETERMINED by [security_guarantee]",
                "eu-no-veto UNDETERMINED by [nato_written_limit]",
                "eu-spending UNDETERMINED by [defense_spending_pct_gdp]");

        // Russia puts a ceiling of 50,000 on the table: fine for its own line, and UA's line still has a way out.
        String ruCap = table.propose("RU", "army_cap", "50000");
        assertThat(verdicts(table.state)).contains(
                "ru-demilitarised UNDETERMINED by [army_cap]",
                "ua-guarantee-or-army UNDETERMINED by [security_guarantee, army_cap]");

        // Ukraine answers with no ceiling at all: Russia's demilitarisation line is now at risk.
        String uaCap = table.propose("UA", "army_cap", "\"UNLIMITED\"");
        assertThat(verdicts(table.state)).contains(
                "ru-demilitarised UNDETERMINED by [army_cap] at risk from [" + uaCap + "]",
                "ua-guarantee-or-army UNDETERMINED by [security_guarantee, army_cap]");

        // A bilateral guarantee puts the US line at risk; Russia's offer of none leaves UA a way out through army_cap.
        String bilateral = table.propose("US", "security_guarantee",
                "{\"kind\": \"US_BILATERAL\", \"compensation_required\": true, \"void_conditions\": \"\"}");
        String none = table.propose("RU", "security_guarantee",
                "{\"kind\": \"NONE\", \"compensation_required\": false, \"void_conditions\": \"\"}");
        assertThat(verdicts(table.state)).contains(
                "us-no-bilateral UNDETERMINED by [security_guarantee] at risk from [" + bilateral + "]",
                "ua-guarantee-or-army UNDETERMINED by [security_guarantee, army_cap]");

        // A multilateral guarantee is agreed: UA's line holds although army_cap is still open (a || b, a agreed true).
        table.withdraw("US", bilateral);
        table.withdraw("RU", none);
        table.agree("security_guarantee",
                "{\"kind\": \"MULTILATERAL\", \"compensation_required\": false, \"void_conditions\": \"a renewed invasion\"}");
        assertThat(verdicts(table.state)).contains(
                "ua-guarantee-or-army HOLDS",
                "us-no-bilateral HOLDS",
                "ru-demilitarised UNDETERMINED by [army_cap] at risk from [" + uaCap + "]");

        // The NATO bid is paused: Russia's line holds, Ukraine's maximal one is lost.
        table.agree("nato_membership", "\"PAUSED\"");
        assertThat(verdicts(table.state)).contains("ru-no-nato HOLDS", "ua-nato VIOLATED");

        // A US tripwire is proposed: both the Russian and the American line against US forces are at risk.
        String tripwire = table.propose("UA", "foreign_troops", "[\"US_TRIPWIRE\", \"EUROPEAN_REASSURANCE_FORCE\"]");
        String reassurance = table.propose("EU", "foreign_troops", "[\"EUROPEAN_REASSURANCE_FORCE\"]");
        assertThat(verdicts(table.state)).contains(
                "ru-no-us-forces UNDETERMINED by [foreign_troops] at risk from [" + tripwire + "]",
                "us-no-troops UNDETERMINED by [foreign_troops] at risk from [" + tripwire + "]");

        // Everyone accepts the European force only: the tripwire is superseded, both lines hold.
        table.acceptByAll(reassurance);
        assertThat(verdicts(table.state)).contains("ru-no-us-forces HOLDS", "us-no-troops HOLDS");

        // No ceiling on the army is agreed: Russia's maximal line is violated; Russia's own offer is superseded.
        table.acceptByAll(uaCap);
        assertThat(verdicts(table.state)).contains("ru-demilitarised VIOLATED", "ua-guarantee-or-army HOLDS");
        assertThat(table.state.proposals().get(ruCap).status().name()).isEqualTo("SUPERSEDED");

        // Aid: excluding missiles but not air defence satisfies both sides; spending and the veto settle the rest.
        String aid = table.propose("RU", "aid_excluded", "[\"INTERMEDIATE_RANGE_MISSILES\", \"AIR_DEFENSE\"]");
        assertThat(verdicts(table.state)).contains(
                "ru-no-missiles UNDETERMINED by [aid_excluded]",
                "ua-air-defence UNDETERMINED by [aid_excluded] at risk from [" + aid + "]");
        table.withdraw("RU", aid);
        table.agree("aid_excluded", "[\"INTERMEDIATE_RANGE_MISSILES\"]");
        table.agree("defense_spending_pct_gdp", "2.5");
        table.agree("nato_written_limit", "false");
        table.agree("nuclear_deterrent", "\"PROHIBITED\"");

        assertThat(verdicts(table.state)).containsExactly(
                "ru-no-nato HOLDS",
                "ru-no-us-forces HOLDS",
                "ru-no-missiles HOLDS",
                "ru-demilitarised VIOLATED",
                "ru-no-bomb HOLDS",
                "ua-guarantee-or-army HOLDS",
                "ua-nato VIOLATED",
                "ua-air-defence HOLDS",
                "us-no-troops HOLDS",
                "us-no-bilateral HOLDS",
                "eu-no-veto HOLDS",
                "eu-spending VIOLATED");
    }

    @Test
    void anAnswerNoOpenValueCanChangeIsDecidedAlready() {
        Table table = Table.ukraine();
        table.declare("always", "UA", "deal.eu_membership == 'PURSUE' || deal.eu_membership != 'PURSUE'");
        table.declare("never", "UA", "deal.eu_membership == 'PURSUE' && deal.eu_membership != 'PURSUE'");
        table.declare("every-cap", "RU", "deal.army_cap <= 100000 || deal.army_cap > 100000");
        table.declare("beyond-the-domain", "RU", "deal.army_cap > 5000000 && deal.army_cap != UNLIMITED");
        table.declare("any-spending", "EU", "deal.defense_spending_pct_gdp < 2.5 || deal.defense_spending_pct_gdp >= 2.5");
        table.declare("some-of-it", "UA", "deal.eu_membership != 'RENOUNCED' || deal.army_cap > 10");

        assertThat(verdicts(table.state)).containsExactly(
                "always HOLDS",
                "never VIOLATED",
                "every-cap HOLDS",
                "beyond-the-domain VIOLATED",
                "any-spending HOLDS",
                "some-of-it UNDETERMINED by [eu_membership, army_cap]");
    }

    @Test
    void aRedLineAlreadyViolatedIsNotAlsoAtRisk() {
        Table table = Table.ukraine();
        table.declare("ru-no-nato", "RU", "deal.nato_membership != 'PURSUE' && deal.army_cap <= 100000");
        table.agree("army_cap", "\"UNLIMITED\"");
        table.propose("UA", "nato_membership", "\"PURSUE\"");

        assertThat(verdicts(table.state)).containsExactly("ru-no-nato VIOLATED");
    }

    @Test
    void aRetractedRedLineIsNoLongerChecked() {
        Table table = Table.ukraineWith(Table.REFERENCE.subList(0, 2));
        table.retract("ru-no-nato");

        assertThat(verdicts(table.state)).containsExactly("ru-no-us-forces UNDETERMINED by [foreign_troops]");
    }

    @Test
    void theVerdictsDependOnTheStateNotOnTheWayItWasReached() {
        Table oneWay = Table.ukraineWith(Table.REFERENCE);
        oneWay.agree("army_cap", "90000");
        oneWay.agree("nato_membership", "\"RENOUNCED\"");
        Table otherWay = Table.ukraine();
        otherWay.agree("nato_membership", "\"PAUSED\"");
        otherWay.agree("army_cap", "\"UNLIMITED\"");
        Table.REFERENCE.forEach(otherWay::declare);
        otherWay.agree("eu_membership", "\"PAUSED\"");
        Table thirdWay = Table.ukraineWith(Table.REFERENCE);
        thirdWay.agree("nato_membership", "\"RENOUNCED\"");
        thirdWay.agree("army_cap", "90000");

        assertThat(verdicts(thirdWay.state)).isEqualTo(verdicts(oneWay.state));
        assertThat(verdicts(DealState.of(oneWay.events))).isEqualTo(verdicts(oneWay.state));
        assertThat(verdicts(otherWay.state)).isNotEqualTo(verdicts(oneWay.state));
    }

    @Test
    void aTableWithoutRedLinesHasNoVerdicts() {
        assertThat(RedLineChecks.check(Table.ukraine().state)).isEmpty();
        assertThat(RedLineChecks.check(DealState.EMPTY)).isEmpty();
    }

    @Test
    void anEvaluationErrorCountsAsNotHolding() {
        Table table = Table.ukraine();
        table.declare("overflow", "RU", "deal.army_cap + 1 > 0");
        table.declare("division", "RU", "10 / deal.strike_limits_km > 1 || deal.nato_written_limit");
        table.agree("army_cap", "\"UNLIMITED\"");
        table.agree("strike_limits_km", "0");
        table.agree("nato_written_limit", "false");

        assertThat(verdicts(table.state)).containsExactly("overflow VIOLATED", "division VIOLATED");
    }

    @Test
    void unusualButValidExpressionsNeverBreakTheChecks() {
        List<String> odd = List.of(
                "deal.security_guarantee.kind.size() > 2",
                "type(deal.army_cap) == int",
                "dyn(deal.nato_membership) == 'PAUSED'",
                "deal.aid_excluded[0] == 'DRONES'",
                "deal.territory.matches('^the') && size(deal.territory) > 3",
                "int(deal.defense_spending_pct_gdp) > 2",
                "has(deal.security_guarantee.kind)",
                "deal.army_cap / 0 > 1 || true",
                "[1, 2, 3].exists(n, n == deal.strike_limits_km)");
        Table table = Table.ukraine();
        for (int i = 0; i < odd.size(); i++) {
            table.declare("odd-" + i, "UA", odd.get(i));
        }

        List<RedLineVerdict> open = RedLineChecks.check(table.state);
        table.agree("army_cap", "5");
        table.agree("aid_excluded", "[]");
        table.agree("territory", "\"the line\"");
        table.agree("defense_spending_pct_gdp", "2.5");
        table.agree("strike_limits_km", "2");
        List<RedLineVerdict> later = RedLineChecks.check(table.state);

        assertThat(open).hasSize(odd.size());
        assertThat(verdicts(table.state)).contains(
                "odd-1 HOLDS", "odd-3 VIOLATED", "odd-4 HOLDS", "odd-5 VIOLATED", "odd-7 HOLDS", "odd-8 HOLDS");
        assertThat(later).hasSize(odd.size());
        assertThat(AgreementSpace.analyse(table.state, null).proposals()).isEmpty();
    }
}
