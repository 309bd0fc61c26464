package io.parley.model.deal;

import io.parley.model.term.TermValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one term stands.
 *
 * @param value           the agreed value, or {@code null} until agreed
 * @param agreedProposal  the proposal that was agreed, or {@code null}
 * @param pending         ids of the pending proposals on this term, oldest first
 */
public record TermState(TermStatus status, TermValue value, String agreedProposal, List<String> pending) {

    public static final TermState OPEN = new TermState(TermStatus.OPEN, null, null, List.of());

    public TermState {
        pending = List.copyOf(pending);
    }

    TermState withPending(String proposalId) {
        List<String> next = new ArrayList<>(pending);
        next.add(proposalId);
        return new TermState(status == TermStatus.AGREED ? status : TermStatus.PROPOSED, value, agreedProposal, next);
    }

    TermState withoutPending(String proposalId) {
        List<String> next = new ArrayList<>(pending);
        next.remove(proposalId);
        TermStatus s = status == TermStatus.AGREED ? status : next.isEmpty() ? TermStatus.OPEN : TermStatus.PROPOSED;
        return new TermState(s, value, agreedProposal, next);
    }

    TermState agreed(String proposalId, TermValue agreedValue) {
        return new TermState(TermStatus.AGREED, agreedValue, proposalId, List.of());
    }
}
