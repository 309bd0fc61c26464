package io.parley.model.redline;

import dev.cel.runtime.CelAttributePattern;
import io.parley.model.deal.DealState;
import io.parley.model.deal.Proposal;
import io.parley.model.term.InvalidInput;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Where every red line in force stands against a deal: a pure function of {@link DealState}, so the same state
 * gives the same verdicts however it was reached.
 * <ul>
 *   <li>{@link Verdict#HOLDS} / {@link Verdict#VIOLATED}: the agreed terms decide it. Open terms are unknown to
 *       CEL (partial evaluation); when CEL cannot decide, the open terms it waits for are tried over their finite
 *       {@link Candidates} and an answer that no assignment changes is the verdict (so
 *       {@code x == 'A' || x != 'A'} holds with {@code x} open).</li>
 *   <li>{@link Verdict#UNDETERMINED}: some assignment of the open terms makes it hold and another breaks it;
 *       {@code undeterminedBy} lists the open terms it was waiting for, in catalogue order.</li>
 *   <li>{@code atRiskBy}: the pending proposals that, were their term agreed at their value (everything else as it
 *       stands), would make a red line that is not already violated {@link Verdict#VIOLATED}.</li>
 * </ul>
 * A red line that fails to evaluate (an overflow next to {@code UNLIMITED}, a division by zero), or no longer
 * compiles against its catalogue, counts as violated: a red line is only reported as holding when it can be
 * shown to hold.
 */
public final class RedLineChecks {

    private RedLineChecks() {
    }

    /** The verdict of every red line in force, in declaration order. */
    public static List<RedLineVerdict> check(DealState state) {
        if (state.redLines().isEmpty()) {
            return List.of();
        }
        RedLineLanguage language = RedLineLanguage.of(List.copyOf(state.terms().values()));
        DealSchema schema = language.schema();
        Object[] slots = Exact.agreedSlots(schema, state);
        DealValue deal = schema.deal(slots);
        List<CelAttributePattern> unknowns = schema.unknowns(slots);
        List<Proposal> pending = state.proposals().values().stream().filter(Proposal::isPending).toList();
        Object[][] withProposal = new Object[pending.size()][];

        List<RedLineVerdict> verdicts = new ArrayList<>();
        for (var redLine : state.redLines().values()) {
            CelRedLine line;
            try {
                line = language.compiled(redLine.expression());
            } catch (InvalidInput stale) {
                verdicts.add(new RedLineVerdict(redLine.id(), redLine.party(), redLine.title(), Verdict.VIOLATED,
                        false, List.of(), List.of()));
                continue;
            }
            Exact.Result now = Exact.decide(line, slots, deal, unknowns);
            List<String> atRiskBy = new ArrayList<>();
            if (now.verdict() != Verdict.VIOLATED) {
                for (int i = 0; i < pending.size(); i++) {
                    Proposal p = pending.get(i);
                    if (!line.termsRead().contains(p.term())) {
                        continue;
                    }
                    if (withProposal[i] == null) {
                        withProposal[i] = slots.clone();
                        schema.assign(schema.termIndex(p.term()), p.value(), withProposal[i]);
                    }
                    if (Exact.decide(line, withProposal[i]).verdict() == Verdict.VIOLATED) {
                        atRiskBy.add(p.id());
                    }
                }
            }
            List<String> undeterminedBy = now.verdict() == Verdict.UNDETERMINED ? terms(schema, now.dependsOn()) : List.of();
            verdicts.add(new RedLineVerdict(redLine.id(), redLine.party(), redLine.title(), now.verdict(),
                    !atRiskBy.isEmpty(), atRiskBy, undeterminedBy));
        }
        return verdicts;
    }

    /** The terms of some variables, in catalogue order, each once. */
    static List<String> terms(DealSchema schema, BitSet variables) {
        boolean[] seen = new boolean[schema.terms().size()];
        for (int v = variables.nextSetBit(0); v >= 0; v = variables.nextSetBit(v + 1)) {
            seen[schema.variables().get(v).termIndex()] = true;
        }
        List<String> terms = new ArrayList<>();
        for (int t = 0; t < seen.length; t++) {
            if (seen[t]) {
                terms.add(schema.terms().get(t).id());
            }
        }
        return terms;
    }
}
