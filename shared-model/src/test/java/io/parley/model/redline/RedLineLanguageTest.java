package io.parley.model.redline;

import io.parley.model.scenario.Scenarios;
import io.parley.model.term.FieldError;
import io.parley.model.term.InvalidInput;
import io.parley.model.term.TermDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A party writes its red lines in the language of the table's terms; every mistake is named, with where it is. */
class RedLineLanguageTest {

    static final List<TermDefinition> UKRAINE = Scenarios.find("ukraine-2025").orElseThrow().terms();
    final RedLineLanguage language = RedLineLanguage.of(UKRAINE);

    @ParameterizedTest
    @ValueSource(strings = {
            "deal.nato_membership != 'PURSUE'",
            "!('US_TRIPWIRE' in deal.foreign_troops)",
            "'INTERMEDIATE_RANGE_MISSILES' in deal.aid_excluded",
            "deal.army_cap <= 100000",
            "deal.security_guarantee.kind != 'NONE' || deal.army_cap == UNLIMITED",
            "deal.nato_membership == 'PURSUE'",
            "deal.security_guarantee.kind != 'US_BILATERAL'",
            "deal.nato_written_limit == false",
            "deal.defense_spending_pct_gdp >= 3",
            "deal.army_cap > 2.5",
            "deal.aid_excluded.all(x, x != 'AIR_DEFENSE')",
            "deal.aid_excluded.exists_one(x, x == 'DRONES') && size(deal.aid_excluded.filter(a, a != 'DRONES')) < 3",
            "deal.aid_excluded.map(a, a + '!').exists(a, a == 'DRONES!')",
            "has(deal.security_guarantee.kind) && deal.territory.startsWith('line')",
            "has(deal.security_guarantee) && has(deal.army_cap)",
            "deal.sanctions_relief.level in ['NONE', 'PARTIAL'] && !('ENERGY' in deal.sanctions_relief.sectors)",
            "deal.strike_limits_km >= 100 &&\n deal.troop_limits_km >= 50"
    })
    void theReferenceRedLinesAndTheirKinCompile(String expression) {
        CompiledRedLine line = language.compile(expression);

        assertThat(line.expression()).isEqualTo(expression);
        assertThat(line.termsRead()).isNotEmpty();
    }

    @Test
    void aRedLineSaysWhichTermsItReadsAtTheTopLevel() {
        assertThat(language.compile("deal.security_guarantee.kind != 'NONE' || deal.army_cap == UNLIMITED").termsRead())
                .containsExactly("security_guarantee", "army_cap");
        assertThat(language.compile("[1, 2].all(deal, deal > 0) && deal.eu_membership == 'PAUSED'").termsRead())
                .as("a macro variable named deal is not the deal").containsExactly("eu_membership");
    }

    @Test
    void theLanguageIsBuiltOncePerCatalogue() {
        assertThat(RedLineLanguage.of(List.copyOf(UKRAINE))).isSameAs(language);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            deal.nope == 1                                 | 1:5: undefined field 'nope'
            deal.security_guarantee.flavour == 'x'         | 1:24: undefined field 'flavour'
            deal.army_cap == 'many'                        | 1:15: found no matching overload for '_==_' applied to '(int, string)'
            deal.army_cap                                  | 1:5: expected type 'bool' but found 'int'
            veto(deal.nato_membership)                     | 1:5: undeclared reference to 'veto'
            deal.nato_membership ==                        | 1:24: mismatched input '<EOF>'
            deal.nato_membership == 'JOIN'                 | 1:25: 'JOIN' is not a value of nato_membership; its values are [PURSUE, PAUSED, RENOUNCED, CONSTITUTIONAL_NEUTRALITY]
            'JOIN' != deal.nato_membership                 | 1:1: 'JOIN' is not a value of nato_membership
            'TANKS' in deal.aid_excluded                   | 1:1: 'TANKS' is not a value of aid_excluded
            deal.aid_excluded.exists(x, x == 'TANKS')      | 1:34: 'TANKS' is not a value of a member of aid_excluded
            deal.aid_excluded == ['DRONES', 'TANKS']       | 1:33: 'TANKS' is not a value of aid_excluded
            deal.security_guarantee.kind in ['NONE', 'UN'] | 1:42: 'UN' is not a value of security_guarantee.kind
            parley.Deal{army_cap: 1}.army_cap == 1         | 1:12: building a message (parley.Deal{...}) is not part of the red-line language
            deal == deal                                   | 1:1: the deal is read term by term, as deal.<term>; terms are [nato_membership,
            dyn(deal).army_cap > 1                         | 1:5: the deal is read term by term
            deal.security_guarantee == deal.security_guarantee | 1:5: security_guarantee is read field by field, as deal.security_guarantee.<field>; its fields are [kind, compensation_required, void_conditions]
            """)
    void everyMistakeIsNamedWithItsLineAndColumn(String expression, String message) {
        InvalidInput error = catchThrowableOfType(InvalidInput.class, () -> language.compile(expression));

        assertThat(error).as(expression).isNotNull();
        assertThat(error.errors()).extracting(FieldError::field).containsOnly("expression");
        assertThat(error.errors().get(0).message()).startsWith(message);
    }

    @Test
    void aMistakeOnALaterLineGivesThatLine() {
        InvalidInput error = catchThrowableOfType(InvalidInput.class,
                () -> language.compile("deal.army_cap <= 100000 &&\n  deal.nato_membership == 'JOIN'"));

        assertThat(error.errors().get(0).message()).startsWith("2:27: 'JOIN' is not a value of nato_membership");
    }

    @Test
    void deepNestingIsRefusedCleanlyNotByOverflowingTheStack() {
        String deep = "(".repeat(1980) + "deal.nato_written_limit" + ")".repeat(1980);

        InvalidInput error = catchThrowableOfType(InvalidInput.class, () -> language.compile(deep));

        assertThat(error.errors().get(0).field()).isEqualTo("expression");
        assertThat(error.errors().get(0).message()).matches("\\d+:\\d+: .*recursion limit exceeded. limit: 250");
    }

    @Test
    void threeThousandLevelsAreAPlainInvalidInputToo() {
        String deep = "(".repeat(3000) + "deal.nato_written_limit" + ")".repeat(3000);

        assertThatThrownBy(() -> language.compile(deep)).isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("expression: 1:1: ");
    }

    @Test
    void aLongChainOfOperatorsIsRefusedAsTooDeep() {
        String chain = "deal.army_cap" + " + 1".repeat(700) + " > 0";

        assertThatThrownBy(() -> language.compile(chain)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("recursion limit");
    }

    @Test
    void aHugeExpressionIsRefusedBeforeParsing() {
        String huge = "deal.army_cap > 1 || ".repeat(300) + "true";

        InvalidInput error = catchThrowableOfType(InvalidInput.class, () -> language.compile(huge));

        assertThat(error.errors().get(0).message()).contains("exceeds").contains("4000");
    }

    @Test
    void anExpressionWithTooManyNodesIsRefused() {
        String many = "[" + "1,".repeat(1200) + "1].size() > 0";

        assertThatThrownBy(() -> language.compile(many)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("too large").hasMessageContaining("nodes");
    }

    @Test
    void nestedMacrosThatWouldRunForeverAreRefusedAsTooCostly() {
        String list = "[" + "1,".repeat(49) + "1]";
        String cubic = list + ".all(x, " + list + ".all(y, " + list + ".all(z, x + y + z > 0)))";

        assertThatThrownBy(() -> language.compile(cubic)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("cost too much");
        assertThat(language.compile(list + ".all(x, x > 0)").termsRead()).isEmpty();
    }

    @Test
    void aBlankExpressionIsRequired() {
        assertThatThrownBy(() -> language.compile(" ")).isInstanceOf(InvalidInput.class).hasMessage("expression: is required");
    }
}
