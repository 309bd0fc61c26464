package io.parley.model.redline;

import io.parley.model.deal.DealState;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Red lines evaluated one by one against one deal on which every term they read is agreed: the innermost step of
 * {@link RedLineChecks} (a compiled CEL program run against the agreed values), without the verdict bookkeeping
 * around it. What {@code ./bench.sh red-lines} counts as one evaluation. Immutable and thread-safe.
 */
public final class RedLineEvaluation {

    private final List<CelRedLine> lines;
    private final DealValue deal;

    private RedLineEvaluation(List<CelRedLine> lines, DealValue deal) {
        this.lines = lines;
        this.deal = deal;
    }

    /**
     * Compiles {@code expressions} against the catalogue of {@code state} and prepares its agreed values.
     *
     * @throws IllegalArgumentException when an expression reads a term that is not agreed on {@code state}
     * @throws io.parley.model.term.InvalidInput when an expression does not compile
     */
    public static RedLineEvaluation of(DealState state, List<String> expressions) {
        RedLineLanguage language = RedLineLanguage.of(List.copyOf(state.terms().values()));
        DealSchema schema = language.schema();
        Set<String> agreed = state.agreedTerms().keySet();
        List<CelRedLine> lines = new ArrayList<>();
        for (String expression : expressions) {
            CelRedLine line = language.compiled(expression);
            List<String> open = line.termsRead().stream().filter(t -> !agreed.contains(t)).toList();
            if (!open.isEmpty()) {
                throw new IllegalArgumentException("'" + expression + "' reads terms not agreed: " + open);
            }
            lines.add(line);
        }
        return new RedLineEvaluation(List.copyOf(lines), schema.deal(Exact.agreedSlots(schema, state)));
    }

    /** How many red lines one {@link #evaluateAll()} evaluates. */
    public int size() {
        return lines.size();
    }

    /** Evaluates every red line once; returns how many hold. */
    public int evaluateAll() {
        int holding = 0;
        for (CelRedLine line : lines) {
            if (line.evaluate(deal, List.of()) == CelRedLine.TRUE) {
                holding++;
            }
        }
        return holding;
    }
}
