package io.parley.model.redline;

import dev.cel.runtime.CelAttributePattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * A backtracking search for values of the open variables that satisfy a set of red lines, the agreed terms fixed.
 * Variables are assigned in order of how many red lines read them (most first), each over its {@link Candidates}
 * (drawn from the constants of the red lines searched). After each assignment every red line not yet satisfied is
 * evaluated with the unassigned variables unknown: one that is definitely false cuts the branch, and once all are
 * definitely true the remaining variables are free (every candidate counts).
 */
final class PackageSearch {

    /** Evaluations shared by all the searches of one analysis, so one request stays bounded. */
    static final class Budget {
        private long left;

        Budget(long evaluations) {
            this.left = evaluations;
        }

        boolean spend() {
            return --left >= 0;
        }

        long left() {
            return left;
        }
    }

    /** What a search found. {@code complete}: it ended before the budget did. */
    record Result(boolean complete, DealSchema.Variable[] variables, List<List<Candidates.Candidate>> candidates,
                  int[] firstPackage, long count) {
        boolean feasible() {
            return firstPackage != null;
        }
    }

    private final DealSchema schema;
    private final List<CelRedLine> lines;
    private final Object[] slots;
    private final DealSchema.Variable[] order;
    private final List<List<Candidates.Candidate>> candidates = new ArrayList<>();
    private final Budget budget;
    private final boolean counting;
    private final int[] chosen;
    private int[] firstPackage;
    private long count;
    private boolean outOfBudget;

    private PackageSearch(DealSchema schema, List<CelRedLine> lines, Object[] agreed, Budget budget, boolean counting) {
        this.schema = schema;
        this.lines = lines;
        this.slots = agreed.clone();
        this.budget = budget;
        this.counting = counting;
        List<DealSchema.Variable> open = new ArrayList<>();
        for (DealSchema.Variable v : schema.variables()) {
            if (slots[v.index()] == null && lines.stream().anyMatch(l -> l.reads(v.index()))) {
                open.add(v);
            }
        }
        open.sort(Comparator.comparingLong((DealSchema.Variable v) -> -lines.stream().filter(l -> l.reads(v.index())).count())
                .thenComparingInt(DealSchema.Variable::index));
        this.order = open.toArray(new DealSchema.Variable[0]);
        for (DealSchema.Variable v : order) {
            candidates.add(candidatesOf(v, lines));
        }
        this.chosen = new int[order.length];
    }

    /** The candidates of {@code variable} given the constants {@code lines} compare it with. */
    static List<Candidates.Candidate> candidatesOf(DealSchema.Variable variable, List<CelRedLine> lines) {
        Set<Object> constants = new LinkedHashSet<>();
        lines.forEach(l -> constants.addAll(l.constants(variable.index())));
        return Candidates.of(variable.definition(), constants);
    }

    /** Finds one package (stops at the first), or proves there is none. */
    static Result findOne(DealSchema schema, List<CelRedLine> lines, Object[] agreed, Budget budget) {
        return new PackageSearch(schema, lines, agreed, budget, false).run();
    }

    /** Walks the whole space, counting the packages. */
    static Result countAll(DealSchema schema, List<CelRedLine> lines, Object[] agreed, Budget budget) {
        return new PackageSearch(schema, lines, agreed, budget, true).run();
    }

    private Result run() {
        java.util.Arrays.fill(chosen, -1);
        try {
            search(0, lines, 1);
        } catch (OutOfBudget e) {
            outOfBudget = true;
        }
        return new Result(!outOfBudget, order, candidates, firstPackage, count);
    }

    private static final class OutOfBudget extends RuntimeException {
        OutOfBudget() {
            super(null, null, false, false);
        }
    }

    /** @return true to stop the whole search */
    private boolean search(int depth, List<CelRedLine> active, long multiplier) {
        DealValue deal = schema.deal(slots);
        List<CelAttributePattern> unknowns = schema.unknowns(slots);
        List<CelRedLine> waiting = new ArrayList<>();
        for (CelRedLine line : active) {
            if (!budget.spend()) {
                throw new OutOfBudget();
            }
            CelRedLine.Outcome outcome = line.evaluate(deal, unknowns);
            if (outcome instanceof CelRedLine.Decided d) {
                if (!d.value()) {
                    return false;
                }
            } else {
                waiting.add(line);
            }
        }
        if (waiting.isEmpty()) {
            long packages = multiplier;
            for (int d = depth; d < order.length; d++) {
                packages = times(packages, candidates.get(d).size());
            }
            count = plus(count, packages);
            if (firstPackage == null) {
                firstPackage = chosen.clone();
                for (int d = depth; d < order.length; d++) {
                    firstPackage[d] = 0;
                }
            }
            return !counting;
        }
        // Skip the variables no waiting red line reads: any of their candidates will do.
        int d = depth;
        while (d < order.length && !readByAny(waiting, order[d])) {
            multiplier = times(multiplier, candidates.get(d).size());
            chosen[d] = 0;
            d++;
        }
        if (d == order.length) {
            // Still unknown with every variable it reads assigned: it cannot be shown to hold.
            return false;
        }
        DealSchema.Variable variable = order[d];
        List<Candidates.Candidate> options = candidates.get(d);
        for (int i = 0; i < options.size(); i++) {
            slots[variable.index()] = options.get(i).cel();
            chosen[d] = i;
            if (search(d + 1, waiting, multiplier)) {
                slots[variable.index()] = null;
                return true;
            }
        }
        slots[variable.index()] = null;
        chosen[d] = -1;
        return false;
    }

    private static boolean readByAny(List<CelRedLine> lines, DealSchema.Variable variable) {
        for (CelRedLine line : lines) {
            if (line.reads(variable.index())) {
                return true;
            }
        }
        return false;
    }

    static long times(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
