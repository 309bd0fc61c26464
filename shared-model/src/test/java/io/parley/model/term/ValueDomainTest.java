package io.parley.model.term;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.json.EventJson;
import io.parley.model.scenario.Scenarios;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Values checked against the reference scenario's terms. */
class ValueDomainTest {

    private static ValueDomain domainOf(String term) {
        return Scenarios.find("ukraine-2025").orElseThrow().terms().stream()
                .filter(t -> t.id().equals(term)).findFirst().orElseThrow().domain();
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "nato_membership          | \"PAUSED\"",
            "aid_excluded             | [\"DRONES\",\"ARTILLERY\"]",
            "aid_excluded             | []",
            "strike_limits_km         | 300",
            "army_cap                 | \"UNLIMITED\"",
            "army_cap                 | 100000",
            "defense_spending_pct_gdp | 3.5",
            "defense_spending_pct_gdp | 5",
            "nato_written_limit       | false",
            "territory                | \"line of contact as of the ceasefire\"",
            "security_guarantee       | {\"kind\":\"MULTILATERAL\",\"compensation_required\":true,\"void_conditions\":\"\"}",
            "sanctions_relief         | {\"level\":\"PHASED\",\"sectors\":[\"ENERGY\"]}"})
    void valuesInsideTheDomainAreAccepted(String term, String value) {
        List<FieldError> errors = new ArrayList<>();
        TermValue checked = domainOf(term).check(json(value), "value", errors);

        assertThat(errors).isEmpty();
        assertThat(checked).isNotNull();
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "nato_membership          | \"JOIN_TOMORROW\"      | value",
            "nato_membership          | 3                      | value",
            "aid_excluded             | [\"DRONES\",\"DRONES\"] | value[1]",
            "aid_excluded             | [\"TANKS\"]            | value[0]",
            "aid_excluded             | \"DRONES\"             | value",
            "strike_limits_km         | -1                     | value",
            "strike_limits_km         | 12.5                   | value",
            "strike_limits_km         | \"UNLIMITED\"          | value",
            "army_cap                 | \"unlimited\"          | value",
            "defense_spending_pct_gdp | 20.5                   | value",
            "defense_spending_pct_gdp | \"3\"                  | value",
            "nato_written_limit       | \"false\"              | value",
            "security_guarantee       | {\"kind\":\"NONE\"}    | value.compensation_required",
            "security_guarantee       | {\"kind\":\"NONE\",\"compensation_required\":false,\"void_conditions\":\"\",\"extra\":1} | value.extra",
            "sanctions_relief         | {\"level\":\"SOME\",\"sectors\":[]} | value.level"})
    void valuesOutsideTheDomainNameTheField(String term, String value, String field) {
        List<FieldError> errors = new ArrayList<>();
        TermValue checked = domainOf(term).check(json(value), "value", errors);

        assertThat(checked).isNull();
        assertThat(errors).extracting(FieldError::field).contains(field);
    }

    @Test
    void aMissingValueIsRequired() {
        assertThatThrownBy(() -> domainOf("nato_membership").require(null, "value"))
                .isInstanceOf(InvalidInput.class).hasMessage("value: is required");
    }

    @Test
    void canonicalValuesCompareEqualWhateverTheirSpelling() {
        assertThat(domainOf("aid_excluded").require(json("[\"DRONES\",\"ARTILLERY\"]"), "value"))
                .isEqualTo(domainOf("aid_excluded").require(json("[\"ARTILLERY\",\"DRONES\"]"), "value"));
        assertThat(domainOf("defense_spending_pct_gdp").require(json("5"), "value"))
                .isEqualTo(new TermValue.Decimal(new BigDecimal("5.00")));
    }

    @Test
    void textLimitsCountCharactersNotBytes() {
        ValueDomain text = new ValueDomain.TextDomain(3);
        assertThat(text.require(json("\"Київ\"".replace("Київ", "Киї")), "value")).isEqualTo(new TermValue.Text("Киї"));
        assertThatThrownBy(() -> text.require(json("\"Київ\""), "value")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void badTermDeclarationsAreNamedByPath() {
        List<TermDefinition> terms = List.of(
                new TermDefinition("Bad Id", null, TermType.ENUM, List.of("A"), null, null, null, null, null, null),
                new TermDefinition("empty_enum", null, TermType.ENUM, List.of(), null, null, null, null, null, null),
                new TermDefinition("range", null, TermType.INTEGER, null, BigDecimal.TEN, BigDecimal.ONE, null, null, null, null),
                new TermDefinition("fraction", null, TermType.INTEGER, null, new BigDecimal("0.5"), null, null, null, null, null),
                new TermDefinition("flag", null, TermType.BOOLEAN, List.of("X"), null, null, true, null, null, null),
                new TermDefinition("box", null, TermType.STRUCT, null, null, null, null, null, null, null),
                new TermDefinition("who", null, TermType.TEXT, null, null, null, null, null, null, List.of("ZZ")),
                new TermDefinition("range", null, null, null, null, null, null, null, null, null));
        List<FieldError> errors = new ArrayList<>();

        TermDefinition.validateAll(terms, Set.of("UA", "RU"), errors);

        assertThat(errors).extracting(FieldError::field).contains(
                "terms[0].id", "terms[1].values", "terms[2].max", "terms[3].min", "terms[4].values",
                "terms[4].unlimited", "terms[5].fields", "terms[6].consent[0]", "terms[7].type", "terms[7].id");
    }
}
