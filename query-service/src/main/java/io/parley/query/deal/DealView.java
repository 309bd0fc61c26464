package io.parley.query.deal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.model.deal.DealState;
import io.parley.model.deal.Proposal;
import io.parley.model.deal.TermState;
import io.parley.model.deal.TermStatus;
import io.parley.model.negotiation.NegotiationStatus;
import io.parley.model.negotiation.Party;
import io.parley.model.redline.RedLine;
import io.parley.model.redline.RedLineVerdict;
import io.parley.model.redline.Verdict;
import io.parley.model.term.TermValue;
import io.parley.query.access.Viewer;
import io.parley.query.redline.RedLineView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deal as a caller sees it: where every term stands, in catalogue order, with the proposals on the table.
 *
 * @param redLines         the red lines the caller may see, with their verdicts, in the order they were declared: a
 *                         party its own, the facilitator all, an observer none
 * @param violatedRedLines how many red lines of each party are violated, for every party in seating order; counts
 *                         only, for observers and the facilitator. A party does not get them: how many of another
 *                         party's limits a deal breaks says something about those limits.
 */
public record DealView(String id, String title, String scenario, long version, NegotiationStatus status,
                       List<Party> parties, Map<String, TermView> terms, List<String> signatures,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String collapseReason,
                       List<RedLineView> redLines,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Integer> violatedRedLines) {

    /**
     * @param value        the agreed value; absent until agreed
     * @param agreedMoveId the proposal that was agreed; absent until agreed
     * @param consent      the parties whose acceptance settles the term, in seating order
     */
    public record TermView(TermStatus status,
                           @JsonInclude(JsonInclude.Include.NON_NULL) TermValue value,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String agreedMoveId,
                           List<String> consent, List<PendingMove> pending) {
    }

    /**
     * A proposal on the table.
     *
     * @param counters the proposal this one answers; absent for a first proposal
     */
    public record PendingMove(String moveId, String party, TermValue value,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String rationale,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String counters,
                              List<String> acceptedBy, List<String> rejectedBy) {
    }

    /**
     * The deal as {@code viewer} may see it.
     *
     * @param verdicts where every red line in force stands against {@code deal}
     */
    public static DealView of(DealState deal, List<RedLineVerdict> verdicts, Viewer viewer) {
        Map<String, TermView> terms = new LinkedHashMap<>();
        for (String termId : deal.terms().keySet()) {
            terms.put(termId, termView(deal, termId, deal.termStates().get(termId)));
        }
        Map<String, RedLineVerdict> byId = new HashMap<>();
        verdicts.forEach(v -> byId.put(v.redLineId(), v));
        Map<String, Integer> violated = new LinkedHashMap<>();
        deal.partyIds().forEach(party -> violated.put(party, 0));
        List<RedLineView> visible = new ArrayList<>();
        for (RedLine line : deal.redLines().values()) {
            RedLineVerdict verdict = byId.get(line.id());
            if (verdict == null) {
                throw new IllegalStateException("no verdict on red line " + line.id() + " of negotiation "
                        + deal.negotiationId() + " at version " + deal.version());
            }
            if (verdict.verdict() == Verdict.VIOLATED) {
                violated.merge(line.party(), 1, Integer::sum);
            }
            if (viewer.maySeeRedLinesOf(line.party())) {
                visible.add(RedLineView.of(line, verdict));
            }
        }
        return new DealView(deal.negotiationId(), deal.title(), deal.scenario(), deal.version(), deal.status(),
                deal.parties(), terms, deal.signatures(), deal.collapseReason(), visible,
                viewer.isObserverOf(deal.partyIds()) || viewer.isFacilitator() ? violated : null);
    }

    private static TermView termView(DealState deal, String termId, TermState term) {
        Set<String> consent = deal.consentOf(termId);
        List<PendingMove> pending = term.pending().stream()
                .map(deal.proposals()::get)
                .map(DealView::pendingMove)
                .toList();
        return new TermView(term.status(), term.value(), term.agreedProposal(),
                deal.partyIds().stream().filter(consent::contains).toList(), pending);
    }

    private static PendingMove pendingMove(Proposal p) {
        return new PendingMove(p.id(), p.party(), p.value(), p.rationale(), p.counters(), p.acceptedBy(),
                p.rejectedBy());
    }
}
