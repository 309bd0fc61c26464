package io.parley.model.redline;

import dev.cel.runtime.CelAttributePattern;
import io.parley.model.deal.DealState;
import io.parley.model.term.TermValue;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Decides one red line on a partly agreed deal, exactly. CEL's partial evaluation answers per operator, so
 * {@code x == 'A' || x != 'A'} comes back unknown although no value of {@code x} can change it. When CEL answers
 * unknown, the variables it waits for are given each of their {@link Candidates} in turn (and any further variable
 * those answers wait for, and so on); if every assignment gives the same answer, that is the verdict.
 */
final class Exact {

    /** The most evaluations spent deciding one red line before calling it undetermined. */
    static final int BUDGET = 4096;

    /** A verdict and the open variables that were waited for on the way. */
    record Result(Verdict verdict, BitSet dependsOn) {
    }

    private Exact() {
    }

    /** One slot per variable of the catalogue: the agreed value as CEL reads it, {@code null} for an open one. */
    static Object[] agreedSlots(DealSchema schema, DealState state) {
        Object[] slots = new Object[schema.variables().size()];
        for (Map.Entry<String, TermValue> agreed : state.agreedTerms().entrySet()) {
            Integer t = schema.termIndex(agreed.getKey());
            if (t != null) {
                schema.assign(t, agreed.getValue(), slots);
            }
        }
        return slots;
    }

    static Result decide(CelRedLine line, Object[] slots) {
        DealSchema schema = line.schema();
        return decide(line, slots, schema.deal(slots), schema.unknowns(slots));
    }

    /** As {@link #decide(CelRedLine, Object[])}, with the deal for {@code slots} already built. */
    static Result decide(CelRedLine line, Object[] slots, DealValue deal, List<CelAttributePattern> unknowns) {
        CelRedLine.Outcome first = line.evaluate(deal, unknowns);
        if (first instanceof CelRedLine.Decided d) {
            return new Result(d.value() ? Verdict.HOLDS : Verdict.VIOLATED, new BitSet());
        }
        Explorer explorer = new Explorer(line, slots.clone());
        explorer.explore((CelRedLine.Unknown) first);
        if (explorer.exhausted || (explorer.seenTrue && explorer.seenFalse)) {
            return new Result(Verdict.UNDETERMINED, explorer.dependsOn);
        }
        return new Result(explorer.seenTrue ? Verdict.HOLDS : Verdict.VIOLATED, new BitSet());
    }

    private static final class Explorer {
        final CelRedLine line;
        final Object[] slots;
        final BitSet dependsOn = new BitSet();
        int budget = BUDGET;
        boolean seenTrue;
        boolean seenFalse;
        boolean exhausted;

        Explorer(CelRedLine line, Object[] slots) {
            this.line = line;
            this.slots = slots;
        }

        void explore(CelRedLine.Unknown unknown) {
            dependsOn.or(unknown.variables());
            int variable = firstOpen(unknown.variables());
            if (variable < 0) {
                exhausted = true;
                return;
            }
            DealSchema schema = line.schema();
            for (Candidates.Candidate candidate : line.candidates(variable)) {
                if (--budget < 0) {
                    exhausted = true;
                    break;
                }
                slots[variable] = candidate.cel();
                CelRedLine.Outcome outcome = line.evaluate(schema.deal(slots), schema.unknowns(slots));
                if (outcome instanceof CelRedLine.Decided d) {
                    seenTrue |= d.value();
                    seenFalse |= !d.value();
                } else {
                    explore((CelRedLine.Unknown) outcome);
                }
                if (exhausted || (seenTrue && seenFalse)) {
                    break;
                }
            }
            slots[variable] = null;
        }

        private int firstOpen(BitSet variables) {
            for (int v = variables.nextSetBit(0); v >= 0; v = variables.nextSetBit(v + 1)) {
                if (slots[v] == null) {
                    return v;
                }
            }
            return -1;
        }
    }
}
