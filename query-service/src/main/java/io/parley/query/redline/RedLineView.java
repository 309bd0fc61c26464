package io.parley.query.redline;

import io.parley.model.redline.RedLine;
import io.parley.model.redline.RedLineVerdict;
import io.parley.model.redline.Verdict;

import java.util.List;

/**
 * One red line as its party and the facilitator see it: its text and where it stands.
 *
 * @param atRisk         whether a pending proposal, if agreed as it stands, would violate it
 * @param atRiskBy       those proposals
 * @param undeterminedBy the open terms its verdict still depends on
 */
public record RedLineView(String id, String party, String title, String expression, Verdict verdict, boolean atRisk,
                          List<String> atRiskBy, List<String> undeterminedBy) {

    public static RedLineView of(RedLine line, RedLineVerdict verdict) {
        return new RedLineView(line.id(), line.party(), line.title(), line.expression(), verdict.verdict(),
                verdict.atRisk(), verdict.atRiskBy(), verdict.undeterminedBy());
    }
}
