package io.parley.model.redline;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.PartialVars;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compiled red line: the immutable CEL program and what the expression reads. */
final class CelRedLine implements CompiledRedLine {

    /** What one evaluation gave: true, false, or unknown because of some variables. */
    sealed interface Outcome {
    }

    record Decided(boolean value) implements Outcome {
    }

    record Unknown(Set<String> attributes) implements Outcome {
    }

    static final Decided TRUE = new Decided(true);
    static final Decided FALSE = new Decided(false);

    private final RedLineLanguage language;
    private final String expression;
    private final CelRuntime.Program program;
    private final Set<String> termsRead;
    private final BitSet variablesRead;
    private final boolean[] termsReadMask;
    private final Map<Integer, Set<Object>> constants;
    private final long cost;

    CelRedLine(RedLineLanguage language, String expression, CelRuntime.Program program, Set<String> termsRead,
               BitSet variablesRead, boolean[] termsReadMask, Map<Integer, Set<Object>> constants, long cost) {
        this.language = language;
        this.expression = expression;
        this.program = program;
        this.termsRead = termsRead;
        this.variablesRead = variablesRead;
        this.termsReadMask = termsReadMask;
        this.constants = constants;
        this.cost = cost;
    }

    @Override
    public String expression() {
        return expression;
    }

    @Override
    public Set<String> termsRead() {
        return termsRead;
    }

    RedLineLanguage language() {
        return language;
    }

    /** The variables it reads (indexes into the schema's variables). */
    BitSet variablesRead() {
        return (BitSet) variablesRead.clone();
    }

    boolean reads(int variable) {
        return variablesRead.get(variable);
    }

    /** The constants it compares each variable with. */
    Map<Integer, Set<Object>> constants() {
        return constants;
    }

    /** The bound on its evaluation steps that compile checked. */
    long cost() {
        return cost;
    }

    /**
     * Evaluates it on a deal where {@code slots} holds a value per variable, {@code null} for an unknown one.
     * An evaluation error (an overflow on UNLIMITED, a division by zero) counts as not holding: a red line is
     * only kept when it can be shown to hold.
     */
    Outcome evaluate(Object[] slots) {
        DealSchema schema = language.schema();
        DealValue deal = schema.deal(slots);
        Object result;
        try {
            var unknowns = schema.unknowns(slots, termsReadMask);
            result = unknowns.isEmpty()
                    ? program.eval(name -> "deal".equals(name) ? java.util.Optional.of(deal) : java.util.Optional.empty())
                    : program.eval(PartialVars.of(name -> "deal".equals(name) ? java.util.Optional.of(deal) : java.util.Optional.empty(), unknowns));
        } catch (CelEvaluationException | RuntimeException e) {
            return FALSE;
        }
        if (result instanceof Boolean b) {
            return b ? TRUE : FALSE;
        }
        if (result instanceof CelUnknownSet unknown) {
            return new Unknown(unknown.attributes().stream().map(Object::toString).collect(java.util.stream.Collectors.toSet()));
        }
        return FALSE;
    }

    @Override
    public String toString() {
        return expression;
    }
}
