package io.parley.support.database;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseRequiredTest {

    @Test
    void aServiceWithoutADatabaseUrlRefusesToStartAndNamesTheVariable() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(DatabaseRequired.VARIABLE, "PARLEY_COMMAND_DB_URL")
                .withProperty(DatabaseRequired.URL, " ");

        assertThatThrownBy(() -> DatabaseRequired.check(environment))
                .isInstanceOf(NoDatabase.class)
                .hasMessageStartingWith("No database: PARLEY_COMMAND_DB_URL is not set.");
    }

    @Test
    void theFailureReportSaysWhatToSet() {
        FailureAnalysis analysis = new NoDatabaseFailureAnalyzer().analyze(new NoDatabase("PARLEY_QUERY_DB_URL"));

        assertThat(analysis.getDescription()).contains("PARLEY_QUERY_DB_URL is not set");
        assertThat(analysis.getAction()).contains("Set PARLEY_QUERY_DB_URL", "jdbc:postgresql://", "./run.sh");
    }

    @Test
    void aServiceWithADatabaseUrlStarts() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(DatabaseRequired.VARIABLE, "PARLEY_QUERY_DB_URL")
                .withProperty(DatabaseRequired.URL, "jdbc:postgresql://db:5432/parley");

        assertThatCode(() -> DatabaseRequired.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void anApplicationThatIsNotAParleyServiceIsLeftAlone() {
        assertThatCode(() -> DatabaseRequired.check(new MockEnvironment()))
                .doesNotThrowAnyException();
    }
}
