package io.parley.model.redline;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.json.EventJson;
import io.parley.model.term.TermValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The facilitator asks: is there still a deal everyone's red lines allow, and if not, which lines clash? */
class AgreementSpaceTest {

    static final List<Table.Line> ALL_BUT_UA_NATO = Table.REFERENCE.stream().filter(l -> !l.id().equals("ua-nato")).toList();

    @Test
    void withoutUkrainesMaximalLineThereIsAPackageAndItReallySatisfiesEveryLine() {
        Table table = Table.ukraineWith(ALL_BUT_UA_NATO);

        Analysis analysis = AgreementSpace.analyse(table.state, null);

        assertThat(analysis.feasible()).isTrue();
        assertThat(analysis.searchComplete()).isTrue();
        assertThat(analysis.conflict()).isNull();
        assertThat(analysis.agreementPackage()).containsOnlyKeys("nato_membership", "security_guarantee", "aid_excluded",
                "nuclear_deterrent", "foreign_troops", "army_cap", "defense_spending_pct_gdp", "nato_written_limit");
        // Agree exactly that package (filling the struct fields no red line reads): every red line holds.
        Table check = Table.ukraineWith(ALL_BUT_UA_NATO);
        analysis.agreementPackage().forEach((term, value) -> check.agree(term, complete(term, value)));
        assertThat(RedLineChecks.check(check.state)).extracting(RedLineVerdict::verdict).containsOnly(Verdict.HOLDS);
        // 3 NATO bids x 4 troop sets x 2^7 aid sets x 9 (ceiling, guarantee) pairs x 3 spending levels.
        assertThat(analysis.packages()).isEqualTo(3L * 4 * 128 * 9 * 3);
    }

    @Test
    void theNumericTermsAreSearchedOverTheirBoundsTheConstantsAndTheirNeighbours() {
        Analysis analysis = AgreementSpace.analyse(Table.ukraineWith(ALL_BUT_UA_NATO).state, null);

        assertThat(analysis.treatment()).containsOnlyKeys("army_cap", "defense_spending_pct_gdp");
        assertThat(analysis.treatment().get("army_cap")).extracting(TermValue::toJson).extracting(JsonNode::asText)
                .containsExactly("0", "99999", "100000", "100001", "5000000", "UNLIMITED");
        assertThat(analysis.treatment().get("defense_spending_pct_gdp")).extracting(TermValue::toJson).extracting(JsonNode::asText)
                .containsExactly("0.0", "1.5", "3.0", "11.5", "20.0");
    }

    @Test
    void contradictingMaximalLinesAreNamedAsTheConflict() {
        Table table = Table.ukraineWith(Table.REFERENCE);

        Analysis analysis = AgreementSpace.analyse(table.state, null);

        assertThat(analysis.feasible()).isFalse();
        assertThat(analysis.searchComplete()).isTrue();
        assertThat(analysis.agreementPackage()).isNull();
        assertThat(analysis.packages()).isZero();
        assertThat(analysis.conflict()).containsExactly(
                new Analysis.ConflictingRedLine("ru-no-nato", "RU", "Ukraine never in NATO"),
                new Analysis.ConflictingRedLine("ua-nato", "UA", "NATO membership"));
        assertMinimalConflict(Table.REFERENCE, analysis.conflict());
    }

    @Test
    void aConflictOfThreeIsFoundMinimalAmongBystanders() {
        List<Table.Line> lines = List.of(
                new Table.Line("big-army", "UA", "a real army", "deal.army_cap > 100"),
                new Table.Line("bystander", "EU", "spend", "deal.defense_spending_pct_gdp >= 2"),
                new Table.Line("small-unless-veto", "RU", "small army unless a veto", "deal.army_cap < 50 || deal.nato_written_limit"),
                new Table.Line("no-veto", "EU", "no veto", "!deal.nato_written_limit"),
                new Table.Line("another", "US", "no bilateral", "deal.security_guarantee.kind != 'US_BILATERAL'"));
        Table table = Table.ukraineWith(lines);

        Analysis analysis = AgreementSpace.analyse(table.state, null);

        assertThat(analysis.feasible()).isFalse();
        assertThat(analysis.conflict()).extracting(Analysis.ConflictingRedLine::redLineId)
                .containsExactly("big-army", "small-unless-veto", "no-veto");
        assertMinimalConflict(lines, analysis.conflict());
    }

    @Test
    void anAgreedTermThatAlreadyBreaksALineIsAConflictOnItsOwn() {
        Table table = Table.ukraineWith(Table.REFERENCE);
        table.agree("army_cap", "\"UNLIMITED\"");

        Analysis analysis = AgreementSpace.analyse(table.state, null);

        assertThat(analysis.conflict()).extracting(Analysis.ConflictingRedLine::redLineId).containsExactly("ru-demilitarised");
    }

    @Test
    void eachPartyCanAskAboutItsOwnRedLinesOnly() {
        Table table = Table.ukraineWith(Table.REFERENCE);
        String unlimited = table.propose("UA", "army_cap", "\"UNLIMITED\"");
        String pursue = table.propose("UA", "nato_membership", "\"PURSUE\"");

        Analysis ukraine = AgreementSpace.analyse(table.state, "UA");
        Analysis russia = AgreementSpace.analyse(table.state, "RU");
        Analysis everyone = AgreementSpace.analyse(table.state, null);

        assertThat(ukraine.party()).isEqualTo("UA");
        assertThat(ukraine.feasible()).isTrue();
        assertThat(ukraine.agreementPackage()).containsEntry("nato_membership", new TermValue.Text("PURSUE"))
                .containsOnlyKeys("nato_membership", "security_guarantee", "army_cap", "aid_excluded");
        assertThat(ukraine.proposals()).extracting(Analysis.ProposalImpact::wouldViolate).containsOnly(List.of());
        assertThat(russia.feasible()).isTrue();
        assertThat(russia.agreementPackage().get("nato_membership")).isNotEqualTo(new TermValue.Text("PURSUE"));
        assertThat(russia.proposals()).containsExactly(
                new Analysis.ProposalImpact(unlimited, "army_cap", "UA", new TermValue.Text("UNLIMITED"), List.of("ru-demilitarised")),
                new Analysis.ProposalImpact(pursue, "nato_membership", "UA", new TermValue.Text("PURSUE"), List.of("ru-no-nato")));
        assertThat(everyone.feasible()).isFalse();
        assertThat(everyone.proposals()).extracting(Analysis.ProposalImpact::wouldViolate)
                .containsExactly(List.of("ru-demilitarised"), List.of("ru-no-nato"));
    }

    @Test
    void aTableWithoutRedLinesLeavesEveryDealOpen() {
        Analysis analysis = AgreementSpace.analyse(Table.ukraine().state, null);

        assertThat(analysis.feasible()).isTrue();
        assertThat(analysis.agreementPackage()).isEmpty();
        assertThat(analysis.packages()).isEqualTo(1L);
    }

    @Test
    void aSearchThatRunsOutOfBudgetSaysSo() {
        Table table = Table.ukraineWith(Table.REFERENCE);

        Analysis analysis = AgreementSpace.analyse(table.state, null, 5);

        assertThat(analysis.searchComplete()).isFalse();
        assertThat(analysis.feasible()).isFalse();
        assertThat(analysis.conflict()).isNull();
    }

    @Test
    void theAnalysisReadsAsJson() throws Exception {
        Table table = Table.ukraineWith(ALL_BUT_UA_NATO);
        table.propose("RU", "army_cap", "50000");

        JsonNode json = EventJson.mapper().valueToTree(AgreementSpace.analyse(table.state, null));
        JsonNode forRussia = EventJson.mapper().valueToTree(AgreementSpace.analyse(table.state, "RU"));

        assertThat(json.fieldNames()).toIterable().containsExactly("negotiationId", "version", "proposals", "feasible",
                "searchComplete", "package", "packages", "conflict", "treatment");
        assertThat(forRussia.get("party").asText()).isEqualTo("RU");
        assertThat(json.get("package").get("security_guarantee").toString()).startsWith("{\"kind\":");
        assertThat(json.get("package").get("army_cap").isIntegralNumber()).isTrue();
        assertThat(json.get("proposals").get(0).get("value").asLong()).isEqualTo(50000);
        assertThat(json.get("proposals").get(0).get("wouldViolate").isArray()).isTrue();
        assertThat(json.get("conflict").isNull()).isTrue();
        assertThat(EventJson.mapper().treeToValue(json, Analysis.class)).isEqualTo(AgreementSpace.analyse(table.state, null));
    }

    @Test
    void theReferenceScenarioIsSearchedCompletelyWithinTheBudget() {
        // How long it takes is the benchmark's to say (./bench.sh red-lines); here: pruning keeps it inside the budget.
        Analysis analysis = AgreementSpace.analyse(Table.ukraineWith(Table.REFERENCE).state, null);

        assertThat(analysis.searchComplete()).isTrue();
    }

    /** Infeasible on its own, and feasible as soon as any one of its lines is dropped. */
    private static void assertMinimalConflict(List<Table.Line> lines, List<Analysis.ConflictingRedLine> conflict) {
        List<Table.Line> members = lines.stream()
                .filter(l -> conflict.stream().anyMatch(c -> c.redLineId().equals(l.id()))).toList();
        assertThat(AgreementSpace.analyse(Table.ukraineWith(members).state, null).feasible()).isFalse();
        for (Table.Line dropped : members) {
            List<Table.Line> rest = new ArrayList<>(members);
            rest.remove(dropped);
            assertThat(AgreementSpace.analyse(Table.ukraineWith(rest).state, null).feasible())
                    .as("feasible without " + dropped.id()).isTrue();
        }
    }

    /** A package value as a full term value: struct fields no red line reads get a plain value. */
    private static String complete(String term, TermValue value) {
        if (!term.equals("security_guarantee")) {
            return value.toJson().toString();
        }
        TreeMap<String, TermValue> fields = new TreeMap<>(Map.of(
                "compensation_required", new TermValue.Flag(false), "void_conditions", new TermValue.Text("")));
        fields.putAll(((TermValue.Fields) value).fields());
        return new TermValue.Fields(fields).toJson().toString();
    }
}
