package io.parley.model.redline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedLineEvaluationTest {

    private static List<String> expressions(List<Table.Line> lines) {
        return lines.stream().map(Table.Line::expression).toList();
    }

    @Test
    void countsTheRedLinesThatHoldAsTheChecksDo() {
        Table table = Table.ukraineWith(Table.REFERENCE);
        table.agree("nato_membership", "\"PAUSED\"");
        table.agree("foreign_troops", "[\"EUROPEAN_REASSURANCE_FORCE\"]");
        table.agree("aid_excluded", "[\"INTERMEDIATE_RANGE_MISSILES\"]");
        table.agree("army_cap", "800000");

        RedLineEvaluation evaluation = RedLineEvaluation.of(table.state, List.of(
                "deal.nato_membership != 'PURSUE'",
                "deal.nato_membership == 'PURSUE'",
                "!('US_TRIPWIRE' in deal.foreign_troops)",
                "'INTERMEDIATE_RANGE_MISSILES' in deal.aid_excluded",
                "deal.army_cap <= 100000"));

        assertThat(evaluation.size()).isEqualTo(5);
        assertThat(evaluation.evaluateAll()).isEqualTo(3);
        assertThat(evaluation.evaluateAll()).isEqualTo(3);
    }

    @Test
    void theReferenceRedLinesOnAFullyAgreedDeal() {
        Table table = Table.ukraineWith(Table.REFERENCE);
        table.agree("nato_membership", "\"PAUSED\"");
        table.agree("eu_membership", "\"PURSUE\"");
        table.agree("security_guarantee",
                "{\"kind\": \"EUROPEAN_COALITION\", \"compensation_required\": true, \"void_conditions\": \"renewed attack\"}");
        table.agree("aid_excluded", "[\"INTERMEDIATE_RANGE_MISSILES\", \"LONG_RANGE_MUNITIONS\"]");
        table.agree("nuclear_deterrent", "\"PROHIBITED\"");
        table.agree("foreign_troops", "[\"EUROPEAN_REASSURANCE_FORCE\"]");
        table.agree("army_cap", "800000");
        table.agree("defense_spending_pct_gdp", "4.5");
        table.agree("nato_written_limit", "false");

        RedLineEvaluation evaluation = RedLineEvaluation.of(table.state, expressions(Table.REFERENCE));

        long holding = RedLineChecks.check(table.state).stream().filter(v -> v.verdict() == Verdict.HOLDS).count();
        assertThat(evaluation.size()).isEqualTo(12);
        // Only UA's NATO bid and Russia's demilitarisation fail on this deal.
        assertThat(holding).isEqualTo(10);
        assertThat(evaluation.evaluateAll()).isEqualTo(10);
    }

    @Test
    void refusesARedLineThatReadsAnOpenTerm() {
        Table table = Table.ukraineWith(Table.REFERENCE);
        table.agree("nato_membership", "\"PAUSED\"");

        assertThatThrownBy(() -> RedLineEvaluation.of(table.state,
                List.of("deal.nato_membership != 'PURSUE'", "deal.army_cap <= 100000 || deal.nato_membership == 'PAUSED'")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[army_cap]");
    }
}
