package io.parley.query.deal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.model.deal.DealState;
import io.parley.model.deal.Proposal;
import io.parley.model.deal.TermState;
import io.parley.model.deal.TermStatus;
import io.parley.model.negotiation.NegotiationStatus;
import io.parley.model.negotiation.Party;
import io.parley.model.term.TermValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deal as a caller sees it: where every term stands, in catalogue order, with the proposals on the table.
 *
 * @param redLines the red lines the caller may see; none exist yet
 */
public record DealView(String id, String title, String scenario, long version, NegotiationStatus status,
                       List<Party> parties, Map<String, TermView> terms, List<String> signatures,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String collapseReason, List<Object> redLines) {

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

    public static DealView of(DealState deal) {
        Map<String, TermView> terms = new LinkedHashMap<>();
        for (String termId : deal.terms().keySet()) {
            terms.put(termId, termView(deal, termId, deal.termStates().get(termId)));
        }
        return new DealView(deal.negotiationId(), deal.title(), deal.scenario(), deal.version(), deal.status(),
                deal.parties(), terms, deal.signatures(), deal.collapseReason(), List.of());
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
