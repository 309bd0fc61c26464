package io.parley.model.deal;

import static io.parley.testing.Callers.FACILITATOR;
import static io.parley.testing.Callers.as;
import static io.parley.testing.Callers.team;

import io.parley.model.negotiation.CollapseNegotiation;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.MoveAccepted;
import io.parley.model.negotiation.MoveProposed;
import io.parley.model.negotiation.NegotiationConcluded;
import io.parley.model.negotiation.NegotiationStatus;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.SignDeal;
import io.parley.model.negotiation.TermAgreed;
import io.parley.model.negotiation.WithdrawMove;
import io.parley.model.term.TermValue;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.parley.model.deal.Sessions.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fold, step by step, on the reference scenario. */
class DealStateTest {

    @Test
    void openingSetsTheTableAtVersionOneWithEveryTermOpen() {
        Sessions s = Sessions.ukraine();

        assertThat(s.state.version()).isEqualTo(1);
        assertThat(s.state.status()).isEqualTo(NegotiationStatus.OPEN);
        assertThat(s.state.partyIds()).containsExactly("UA", "RU", "US", "EU");
        assertThat(s.state.termStates().values()).allMatch(t -> t.status() == TermStatus.OPEN);
        assertThat(s.state.termStates().keySet()).startsWith("nato_membership", "eu_membership", "security_guarantee");
    }

    @Test
    void aProposalPutsTheTermOnTheTableAndEachAcceptanceIsRecorded() {
        Sessions s = Sessions.ukraine();
        String proposal = s.propose("UA", "nato_membership", text("PAUSED"));
        s.accept("RU", proposal);

        TermState nato = s.state.termStates().get("nato_membership");
        assertThat(nato.status()).isEqualTo(TermStatus.PROPOSED);
        assertThat(nato.pending()).containsExactly(proposal);
        assertThat(s.state.proposals().get(proposal).acceptedBy()).containsExactly("RU");
        assertThat(s.state.version()).isEqualTo(3);
    }

    @Test
    void whenTheLastConsentingPartyAcceptsTheTermIsAgreedAndRivalProposalsAreSuperseded() {
        Sessions s = Sessions.ukraine();
        String paused = s.propose("UA", "nato_membership", text("PAUSED"));
        String renounced = s.propose("RU", "nato_membership", text("RENOUNCED"));
        s.accept("RU", paused);
        s.accept("US", paused);
        var last = s.run(new io.parley.model.negotiation.AcceptMove(s.id, "m-eu", "EU", paused, null, team("EU"), null));

        assertThat(last).hasSize(2).last().isInstanceOf(TermAgreed.class);
        TermState nato = s.state.termStates().get("nato_membership");
        assertThat(nato.status()).isEqualTo(TermStatus.AGREED);
        assertThat(nato.value()).isEqualTo(new TermValue.Text("PAUSED"));
        assertThat(nato.agreedProposal()).isEqualTo(paused);
        assertThat(nato.pending()).isEmpty();
        assertThat(s.state.proposals().get(renounced).status()).isEqualTo(ProposalStatus.SUPERSEDED);
        assertThat(s.state.agreedTerms()).containsEntry("nato_membership", new TermValue.Text("PAUSED"));
    }

    @Test
    void aRejectionByAConsentingPartyEndsTheProposal() {
        Sessions s = Sessions.ukraine();
        String p = s.propose("UA", "nato_membership", text("PURSUE"));
        s.run(new RejectMove(s.id, "r1", "RU", p, "never", team("RU"), null));

        assertThat(s.state.proposals().get(p).status()).isEqualTo(ProposalStatus.REJECTED);
        assertThat(s.state.proposals().get(p).rejectedBy()).containsExactly("RU");
        assertThat(s.state.termStates().get("nato_membership").status()).isEqualTo(TermStatus.OPEN);
    }

    @Test
    void aCounterReplacesTheProposalItAnswers() {
        Sessions s = Sessions.ukraine();
        String p = s.propose("UA", "strike_limits_km", new com.fasterxml.jackson.databind.node.LongNode(50));
        s.run(new CounterMove(s.id, "c1", "RU", p, new com.fasterxml.jackson.databind.node.IntNode(300), null, team("RU"), null));

        assertThat(s.state.proposals().get(p).status()).isEqualTo(ProposalStatus.COUNTERED);
        Proposal counter = s.state.proposals().get("c1");
        assertThat(counter.counters()).isEqualTo(p);
        assertThat(counter.value()).isEqualTo(new TermValue.Whole(300));
        assertThat(s.state.termStates().get("strike_limits_km").pending()).containsExactly("c1");
    }

    @Test
    void aWithdrawnProposalLeavesTheTable() {
        Sessions s = Sessions.ukraine();
        String p = s.propose("UA", "eu_membership", text("PURSUE"));
        s.run(new WithdrawMove(s.id, "w1", "UA", p, null, team("UA"), null));

        assertThat(s.state.proposals().get(p).status()).isEqualTo(ProposalStatus.WITHDRAWN);
        assertThat(s.state.termStates().get("eu_membership").status()).isEqualTo(TermStatus.OPEN);
    }

    @Test
    void whenEveryPartySignsTheNegotiationIsConcludedWithTheAgreedTerms() {
        Sessions s = Sessions.ukraine();
        String p = s.propose("UA", "nato_membership", text("PAUSED"));
        for (String party : new String[] {"RU", "US", "EU"}) {
            s.accept(party, p);
        }
        for (String party : new String[] {"UA", "RU", "US"}) {
            s.run(new SignDeal(s.id, party, team(party), null));
        }
        var last = s.run(new SignDeal(s.id, "EU", team("EU"), null));

        assertThat(last.get(1)).isInstanceOfSatisfying(NegotiationConcluded.class,
                c -> assertThat(c.terms()).containsOnlyKeys("nato_membership"));
        assertThat(s.state.status()).isEqualTo(NegotiationStatus.CONCLUDED);
        assertThat(s.state.signatures()).containsExactly("EU", "RU", "UA", "US");
    }

    @Test
    void anAgreementAfterSomeoneSignedVoidsTheSignatures() {
        Sessions s = Sessions.ukraine();
        s.run(new SignDeal(s.id, "UA", team("UA"), null));
        String p = s.propose("RU", "nuclear_deterrent", text("PROHIBITED"));
        for (String party : new String[] {"UA", "US", "EU"}) {
            s.accept(party, p);
        }
        assertThat(s.state.signatures()).isEmpty();
    }

    @Test
    void aCollapseRecordsItsReason() {
        Sessions s = Sessions.ukraine();
        s.run(new CollapseNegotiation(s.id, "talks broke down", FACILITATOR, null));

        assertThat(s.state.status()).isEqualTo(NegotiationStatus.COLLAPSED);
        assertThat(s.state.collapseReason()).isEqualTo("talks broke down");
    }

    @Test
    void theFoldIsPureTheEarlierStateIsUnchanged() {
        Sessions s = Sessions.ukraine();
        DealState before = s.state;
        DealState after = before.apply(new MoveProposed(s.id, UUID.randomUUID().toString(), "UA",
                "nato_membership", new TermValue.Text("PAUSED"), null));

        assertThat(before.version()).isEqualTo(1);
        assertThat(before.proposals()).isEmpty();
        assertThat(after.proposals()).hasSize(1);
    }

    @Test
    void eventsOnUnknownProposalsAreRefusedByTheFold() {
        Sessions s = Sessions.ukraine();
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> s.state.apply(new MoveAccepted(s.id, "a", "RU", "nope", null)));
    }

    /** A long session folds in time proportional to its length: what an event does not change is passed on as is. */
    @Test
    void anEventLeavesWhatItDoesNotChangeUncopiedAndEveryMapUnmodifiable() {
        Sessions s = Sessions.ukraine();
        String proposal = s.propose("UA", "nato_membership", text("PAUSED"));
        DealState before = s.state;
        s.accept("RU", proposal);
        DealState after = s.state;

        assertThat(after.terms()).isSameAs(before.terms());
        assertThat(after.termStates()).isSameAs(before.termStates());
        assertThat(after.redLines()).isSameAs(before.redLines());
        assertThat(after.proposals()).isNotSameAs(before.proposals()).isNotEqualTo(before.proposals());
        assertThat(before.proposals().get(proposal).acceptedBy()).as("the earlier state is left as it was").isEmpty();
        assertThatThrownBy(() -> after.proposals().remove(proposal)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> after.termStates().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> after.proposals().entrySet().iterator().next().setValue(null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> after.proposals().keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
