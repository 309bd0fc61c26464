package io.parley.model.scenario;

import io.parley.model.term.FieldError;
import io.parley.model.term.TermDefinition;
import io.parley.model.negotiation.Party;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ScenariosTest {

    @Test
    void theReferenceScenarioHasTheFourPartiesAndEveryTermOfTheDomainBrief() {
        Scenario s = Scenarios.find("ukraine-2025").orElseThrow();

        assertThat(s.parties()).extracting(Party::id).containsExactly("UA", "RU", "US", "EU");
        assertThat(s.terms()).extracting(TermDefinition::id).contains(
                "nato_membership", "eu_membership", "security_guarantee", "aid_excluded", "nuclear_deterrent",
                "sanctions_relief", "strike_limits_km", "troop_limits_km", "foreign_troops", "army_cap",
                "defense_spending_pct_gdp", "us_role_in_europe_talks", "territory");
    }

    @Test
    void everyShippedScenarioIsAValidTable() {
        for (Scenario s : Scenarios.all()) {
            List<FieldError> errors = new ArrayList<>();
            Set<String> parties = s.parties().stream().map(Party::id).collect(Collectors.toSet());
            TermDefinition.validateAll(s.terms(), parties, errors);
            assertThat(errors).as(s.id()).isEmpty();
        }
    }

    @Test
    void unknownScenariosAreNotFound() {
        assertThat(Scenarios.find("atlantis-2030")).isEmpty();
        assertThat(Scenarios.find(null)).isEmpty();
    }
}
