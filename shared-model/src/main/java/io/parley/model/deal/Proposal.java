package io.parley.model.deal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.parley.model.term.TermValue;

import java.util.List;
import java.util.TreeSet;

/**
 * A value put on the table for one term, by a proposal or a counter-proposal.
 *
 * @param counters the proposal this one answers, or {@code null}
 */
public record Proposal(String id, String term, String party, TermValue value, String rationale, String counters,
                       ProposalStatus status, List<String> acceptedBy, List<String> rejectedBy) {

    public Proposal {
        acceptedBy = List.copyOf(new TreeSet<>(acceptedBy));
        rejectedBy = List.copyOf(new TreeSet<>(rejectedBy));
    }

    public static Proposal pending(String id, String term, String party, TermValue value, String rationale, String counters) {
        return new Proposal(id, term, party, value, rationale, counters, ProposalStatus.PENDING, List.of(), List.of());
    }

    @JsonIgnore
    public boolean isPending() {
        return status == ProposalStatus.PENDING;
    }

    Proposal withStatus(ProposalStatus next) {
        return new Proposal(id, term, party, value, rationale, counters, next, acceptedBy, rejectedBy);
    }

    Proposal acceptedBy(String acceptor) {
        return new Proposal(id, term, party, value, rationale, counters, status, plus(acceptedBy, acceptor), rejectedBy);
    }

    Proposal rejectedBy(String rejector, boolean closes) {
        return new Proposal(id, term, party, value, rationale, counters,
                closes ? ProposalStatus.REJECTED : status, acceptedBy, plus(rejectedBy, rejector));
    }

    private static List<String> plus(List<String> list, String item) {
        TreeSet<String> set = new TreeSet<>(list);
        set.add(item);
        return List.copyOf(set);
    }
}
