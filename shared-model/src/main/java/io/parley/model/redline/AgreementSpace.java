package io.parley.model.redline;

import io.parley.model.deal.DealState;
import io.parley.model.deal.Proposal;
import io.parley.model.term.InvalidInput;
import io.parley.model.term.TermType;
import io.parley.model.term.TermValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Is there still a deal every red line can live with? {@link #analyse} searches the open terms, the agreed ones
 * fixed, for values that satisfy every red line in force (or one party's), and otherwise names a smallest set of
 * red lines that cannot hold together.
 * <p>
 * <b>Values searched.</b> Each open term a red line reads is a variable; a STRUCT term is one variable per field
 * (its fields are negotiated as one value, but red lines read them apart). Finite domains are searched whole:
 * ENUM values, BOOLEAN {@code false}/{@code true}, ENUM_SET every subset (sets of more than
 * {@value Candidates#MAX_SET_MEMBERS} values: every subset of the members red lines mention, with none or all of
 * the others). INTEGER and NUMBER terms are discretised into candidates: the declared bounds, every constant the
 * red lines compare the term with, and the values on each side (for integers {@code c - 1} and {@code c + 1}; for
 * numbers the midpoint between neighbouring candidates, and one beyond the ends that no bound closes), plus
 * {@code UNLIMITED} where the term allows it. TEXT takes the strings red lines compare it with and one they do not
 * ({@code ""}). For red lines that compare terms with constants this is exact: every region where an answer can
 * change has a candidate in it. The candidates used are returned as {@link Analysis#treatment()}.
 * <p>
 * <b>Search.</b> Red lines that share no open variable are independent and searched apart (the package joins
 * their answers; the count multiplies). Within a group, variables are assigned most-read first; after each
 * assignment the red lines not yet satisfied are evaluated with the unassigned variables unknown (CEL partial
 * evaluation), a branch is cut as soon as one is definitely false, and once all are definitely true the remaining
 * variables are free. Packages are counted over the candidates when the count fits the budget. Each group that
 * cannot be satisfied is reduced to a minimal conflict by deletion (each of its red lines is dropped in turn and
 * stays out if the rest still cannot hold together), and the smallest of these is answered. The searches of one
 * analysis share a budget of {@value #BUDGET} red-line evaluations (about half a second at worst), and counting
 * has {@value #COUNT_BUDGET} more; past them the answer says the search was incomplete or leaves the count out.
 * <p>
 * <b>Proposals.</b> For each pending proposal: the red lines (of those considered) that are not violated now and
 * would be, were its term agreed at its value, exactly as {@link RedLineChecks} reports them at risk.
 */
public final class AgreementSpace {

    /** Red-line evaluations one analysis may spend deciding feasibility and finding a conflict. */
    static final long BUDGET = 250_000;
    /** Red-line evaluations one analysis may spend counting packages, beyond {@link #BUDGET}. */
    static final long COUNT_BUDGET = 100_000;

    private AgreementSpace() {
    }

    /**
     * Analyses the deal as it stands.
     *
     * @param party a party id to consider only that party's red lines, or {@code null} for every party's
     */
    public static Analysis analyse(DealState state, String party) {
        return analyse(state, party, BUDGET);
    }

    static Analysis analyse(DealState state, String party, long budgetEvaluations) {
        List<RedLine> considered = state.redLines().values().stream()
                .filter(r -> party == null || party.equals(r.party()))
                .toList();
        if (state.terms().isEmpty()) {
            return new Analysis(state.negotiationId(), state.version(), party, List.of(), true, true, Map.of(), 1L, null, Map.of());
        }
        RedLineLanguage language = RedLineLanguage.of(List.copyOf(state.terms().values()));
        DealSchema schema = language.schema();
        Object[] agreed = Exact.agreedSlots(schema, state);

        List<CelRedLine> lines = new ArrayList<>();
        List<RedLine> broken = new ArrayList<>();
        for (var r : considered) {
            try {
                lines.add(language.compiled(r.expression()));
            } catch (InvalidInput stale) {
                broken.add(r);
            }
        }

        List<Analysis.ProposalImpact> impacts = impacts(state, schema, agreed, considered, lines, broken);
        PackageSearch.Budget budget = new PackageSearch.Budget(budgetEvaluations);
        PackageSearch.Budget countBudget = new PackageSearch.Budget(Math.min(budgetEvaluations, COUNT_BUDGET));
        if (!broken.isEmpty()) {
            // A red line that no longer compiles cannot hold: it is a conflict on its own.
            return new Analysis(state.negotiationId(), state.version(), party, impacts, false, true, null, 0L,
                    List.of(conflicting(broken.get(0))), Map.of());
        }

        // Red lines that share no open variable are independent: search each group alone, multiply the counts.
        Map<Integer, TermValue> chosen = new TreeMap<>();
        Map<Integer, List<TermValue>> candidates = new TreeMap<>();
        long packages = 1;
        boolean counted = true;
        boolean complete = true;
        List<List<Integer>> infeasible = new ArrayList<>();
        for (List<Integer> group : independentGroups(schema, lines, agreed)) {
            List<CelRedLine> groupLines = pick(lines, group);
            PackageSearch.Result found = PackageSearch.findOne(schema, groupLines, agreed, budget);
            remember(found, candidates);
            if (!found.complete()) {
                complete = false;
                continue;
            }
            if (!found.feasible()) {
                infeasible.add(group);
                continue;
            }
            for (int d = 0; d < found.variables().length; d++) {
                chosen.put(found.variables()[d].index(), found.candidates().get(d).get(found.firstPackage()[d]).value());
            }
            PackageSearch.Result all = infeasible.isEmpty() ? PackageSearch.countAll(schema, groupLines, agreed, countBudget) : null;
            if (all != null && all.complete() && all.count() < Long.MAX_VALUE) {
                packages = PackageSearch.times(packages, all.count());
            } else {
                counted = false;
            }
        }
        Map<String, List<TermValue>> treatment = treatment(schema, candidates);
        if (!infeasible.isEmpty()) {
            return conflict(state, party, impacts, considered, schema, lines, infeasible, agreed, budget, treatment);
        }
        if (!complete) {
            return new Analysis(state.negotiationId(), state.version(), party, impacts, false, false, null, null, null, treatment);
        }
        return new Analysis(state.negotiationId(), state.version(), party, impacts, true, true,
                agreementPackage(schema, chosen), counted && packages < Long.MAX_VALUE ? packages : null, null, treatment);
    }

    /**
     * Reduces each infeasible group of red lines to a minimal conflict by deletion (each of its red lines is dropped
     * in turn and stays out if the rest still cannot hold together) and answers the smallest.
     */
    private static Analysis conflict(DealState state, String party, List<Analysis.ProposalImpact> impacts,
                                     List<RedLine> considered, DealSchema schema, List<CelRedLine> lines,
                                     List<List<Integer>> infeasible, Object[] agreed, PackageSearch.Budget budget,
                                     Map<String, List<TermValue>> treatment) {
        List<Integer> smallest = null;
        boolean complete = true;
        for (List<Integer> group : infeasible) {
            List<Integer> core = new ArrayList<>(group);
            for (Integer line : group) {
                if (core.size() == 1) {
                    break;
                }
                List<Integer> without = new ArrayList<>(core);
                without.remove(line);
                PackageSearch.Result rest = PackageSearch.findOne(schema, pick(lines, without), agreed, budget);
                if (!rest.complete()) {
                    complete = false;
                } else if (!rest.feasible()) {
                    core = without;
                }
            }
            if (smallest == null || core.size() < smallest.size()) {
                smallest = core;
            }
        }
        List<Analysis.ConflictingRedLine> conflict = smallest.stream().map(i -> conflicting(considered.get(i))).toList();
        return new Analysis(state.negotiationId(), state.version(), party, impacts, false, complete, null, 0L, conflict,
                treatment);
    }

    /** Groups of red lines (indexes, in declaration order) linked by the open variables they read. */
    private static List<List<Integer>> independentGroups(DealSchema schema, List<CelRedLine> lines, Object[] agreed) {
        int[] parent = new int[lines.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        int[] firstReader = new int[schema.variables().size()];
        java.util.Arrays.fill(firstReader, -1);
        for (int i = 0; i < lines.size(); i++) {
            for (int v = 0; v < firstReader.length; v++) {
                if (agreed[v] == null && lines.get(i).reads(v)) {
                    if (firstReader[v] < 0) {
                        firstReader[v] = i;
                    } else {
                        parent[root(parent, i)] = root(parent, firstReader[v]);
                    }
                }
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            groups.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(groups.values());
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void remember(PackageSearch.Result search, Map<Integer, List<TermValue>> candidates) {
        for (int d = 0; d < search.variables().length; d++) {
            candidates.put(search.variables()[d].index(),
                    search.candidates().get(d).stream().map(Candidates.Candidate::value).toList());
        }
    }

    private static List<Analysis.ProposalImpact> impacts(DealState state, DealSchema schema, Object[] agreed,
                                                         List<RedLine> considered,
                                                         List<CelRedLine> lines, List<RedLine> broken) {
        List<Proposal> pending = state.proposals().values().stream().filter(Proposal::isPending).toList();
        if (pending.isEmpty()) {
            return List.of();
        }
        List<RedLine> compiledLines = considered.stream().filter(r -> !broken.contains(r)).toList();
        Verdict[] now = new Verdict[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            now[i] = Exact.decide(lines.get(i), agreed).verdict();
        }
        List<Analysis.ProposalImpact> impacts = new ArrayList<>();
        for (Proposal p : pending) {
            Object[] with = agreed.clone();
            schema.assign(schema.termIndex(p.term()), p.value(), with);
            List<String> violated = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                CelRedLine line = lines.get(i);
                if (now[i] != Verdict.VIOLATED && line.termsRead().contains(p.term())
                        && Exact.decide(line, with).verdict() == Verdict.VIOLATED) {
                    violated.add(compiledLines.get(i).id());
                }
            }
            impacts.add(new Analysis.ProposalImpact(p.id(), p.term(), p.party(), p.value(), violated));
        }
        return impacts;
    }

    private static Map<String, TermValue> agreementPackage(DealSchema schema, Map<Integer, TermValue> byVariable) {
        Map<String, TermValue> values = new LinkedHashMap<>();
        Map<String, SortedMap<String, TermValue>> structs = new LinkedHashMap<>();
        byVariable.forEach((index, value) -> {
            DealSchema.Variable v = schema.variables().get(index);
            if (v.field() == null) {
                values.put(v.term(), value);
            } else {
                structs.computeIfAbsent(v.term(), t -> {
                    values.put(t, null);
                    return new TreeMap<>();
                }).put(v.field(), value);
            }
        });
        structs.forEach((term, fields) -> values.put(term, new TermValue.Fields(fields)));
        return values;
    }

    /** The candidates of the INTEGER, NUMBER and TEXT variables searched, in catalogue order. */
    private static Map<String, List<TermValue>> treatment(DealSchema schema, Map<Integer, List<TermValue>> candidates) {
        Map<String, List<TermValue>> treatment = new LinkedHashMap<>();
        candidates.forEach((index, values) -> {
            DealSchema.Variable v = schema.variables().get(index);
            TermType type = v.definition().type();
            if (type == TermType.INTEGER || type == TermType.NUMBER || type == TermType.TEXT) {
                treatment.put(v.path(), values);
            }
        });
        return treatment;
    }

    private static List<CelRedLine> pick(List<CelRedLine> lines, List<Integer> indexes) {
        return indexes.stream().map(lines::get).toList();
    }

    private static Analysis.ConflictingRedLine conflicting(RedLine r) {
        return new Analysis.ConflictingRedLine(r.id(), r.party(), r.title());
    }
}
