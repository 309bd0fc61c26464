package io.parley.support.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up stops with one line that says what to set, instead of a stack trace. */
public class NoDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<NoDatabase> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoDatabase cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + cause.variable() + " to a PostgreSQL database, e.g. jdbc:postgresql://db:5432/parley (user and"
                        + " password in the _USER and _PASSWORD variables beside it), or run everything with ./run.sh,"
                        + " which starts an embedded PostgreSQL.", cause);
    }
}
