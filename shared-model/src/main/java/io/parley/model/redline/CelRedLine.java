package io.parley.model.redline;

import dev.cel.runtime.CelAttribute;
import dev.cel.runtime.CelAttributePattern;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.CelVariableResolver;
import dev.cel.runtime.PartialVars;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A compiled red line: the immutable CEL program and what the expression reads. Thread-safe. */
final class CelRedLine implements CompiledRedLine {

    /** What one evaluation gave: true, false, or unknown because of some variables. */
    sealed interface Outcome {
    }

    record Decided(boolean value) implements Outcome {
    }

    /** {@code variables}: the unknown variables the answer is waiting for. */
    record Unknown(BitSet variables) implements Outcome {
    }

    static final Decided TRUE = new Decided(true);
    static final Decided FALSE = new Decided(false);

    private final DealSchema schema;
    private final String expression;
    private final CelRuntime.Program program;
    private final Set<String> termsRead;
    private final BitSet variablesRead;
    private final Map<Integer, Set<Object>> constants;
    private final Map<Integer, List<Candidates.Candidate>> candidates = new ConcurrentHashMap<>();

    CelRedLine(DealSchema schema, String expression, CelRuntime.Program program, Set<String> termsRead,
               BitSet variablesRead, Map<Integer, Set<Object>> constants) {
        this.schema = schema;
        this.expression = expression;
        this.program = program;
        this.termsRead = termsRead;
        this.variablesRead = variablesRead;
        this.constants = constants;
    }

    @Override
    public String expression() {
        return expression;
    }

    @Override
    public Set<String> termsRead() {
        return termsRead;
    }

    DealSchema schema() {
        return schema;
    }

    boolean reads(int variable) {
        return variablesRead.get(variable);
    }

    /** The constants it compares {@code variable} with. */
    Set<Object> constants(int variable) {
        return constants.getOrDefault(variable, Set.of());
    }

    /** The values tried for {@code variable} when deciding this red line alone. */
    List<Candidates.Candidate> candidates(int variable) {
        return candidates.computeIfAbsent(variable,
                v -> Candidates.of(schema.variables().get(v).definition(), constants(v)));
    }

    /**
     * Evaluates it on {@code deal}, with {@code unknowns} naming every variable that has no value.
     * An evaluation error (an overflow next to UNLIMITED, a division by zero) counts as not holding: a red line is
     * kept only where it can be shown to hold.
     */
    Outcome evaluate(DealValue deal, List<CelAttributePattern> unknowns) {
        CelVariableResolver resolver = name -> "deal".equals(name) ? Optional.of(deal) : Optional.empty();
        Object result;
        try {
            result = unknowns.isEmpty() ? program.eval(resolver) : program.eval(PartialVars.of(resolver, unknowns));
        } catch (CelEvaluationException | RuntimeException e) {
            return FALSE;
        }
        if (result instanceof Boolean b) {
            return b ? TRUE : FALSE;
        }
        if (result instanceof CelUnknownSet unknown) {
            BitSet waiting = new BitSet();
            for (CelAttribute attribute : unknown.attributes()) {
                markVariables(attribute, waiting);
            }
            if (waiting.isEmpty()) {
                // Unknown through something other than a term: nothing to enumerate, so it cannot be shown to hold.
                return FALSE;
            }
            return new Unknown(waiting);
        }
        return FALSE;
    }

    /** {@code deal.term} or {@code deal.term.field} to the variables it covers. */
    private void markVariables(CelAttribute attribute, BitSet into) {
        List<CelAttribute.Qualifier> q = attribute.qualifiers();
        if (q.size() < 2) {
            into.set(0, schema.variables().size());
            return;
        }
        Integer term = schema.termIndex(name(q.get(1)));
        if (term == null) {
            return;
        }
        if (q.size() >= 3) {
            DealSchema.Variable v = schema.variable(schema.terms().get(term).id() + "." + name(q.get(2)));
            if (v != null) {
                into.set(v.index());
                return;
            }
        }
        schema.variablesOf(term).forEach(v -> into.set(v.index()));
    }

    private static String name(CelAttribute.Qualifier qualifier) {
        return qualifier.kind() == CelAttribute.Qualifier.Kind.AS_STRING ? qualifier.asString() : "";
    }

    @Override
    public String toString() {
        return expression;
    }
}
