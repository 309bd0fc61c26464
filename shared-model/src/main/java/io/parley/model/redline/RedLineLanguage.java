package io.parley.model.redline;

import io.parley.model.term.InvalidInput;
import io.parley.model.term.TermDefinition;

import java.util.List;

/**
 * The red-line language of one term catalogue: CEL with the deal's terms as typed variables.
 */
public final class RedLineLanguage {

    private RedLineLanguage() {
    }

    /** The language for a catalogue (built once per distinct catalogue and cached). */
    public static RedLineLanguage of(List<TermDefinition> terms) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * Parses and type-checks {@code expression}.
     *
     * @throws InvalidInput with field {@code expression} and a message saying what is wrong and where
     *                      ({@code line:column}), for syntax errors, unknown terms or fields, type mismatches,
     *                      enum literals outside a term's values, and expressions over the size or cost limits
     */
    public CompiledRedLine compile(String expression) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
