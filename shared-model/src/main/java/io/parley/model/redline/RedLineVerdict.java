package io.parley.model.redline;

import java.util.List;

/**
 * Where one red line stands against one version of the deal.
 *
 * @param atRiskBy       the pending proposals that, if agreed, would make it {@link Verdict#VIOLATED}
 * @param undeterminedBy the open terms its answer still depends on (empty unless {@link Verdict#UNDETERMINED})
 */
public record RedLineVerdict(String redLineId, String party, String title, Verdict verdict, boolean atRisk,
                             List<String> atRiskBy, List<String> undeterminedBy) {
    public RedLineVerdict {
        atRiskBy = List.copyOf(atRiskBy);
        undeterminedBy = List.copyOf(undeterminedBy);
    }
}
