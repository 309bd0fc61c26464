package io.parley.command.negotiation;

import com.fasterxml.jackson.databind.node.TextNode;
import io.parley.model.access.Caller;
import io.parley.model.negotiation.MoveAccepted;
import io.parley.model.negotiation.MoveProposed;
import io.parley.model.negotiation.NegotiationOpened;
import io.parley.model.negotiation.NotPermitted;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.Party;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.TermAgreed;
import io.parley.model.term.TermDefinition;
import io.parley.model.term.TermValue;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * What Axon adds to the rules (which {@code RulesOfTheTableTest} in shared-model tests on {@code DealState.decide}):
 * the command reaches the negotiation its id names, the aggregate is rebuilt from the events given, applies what the
 * rules decide, answers the version it left the negotiation at, and appends nothing when the rules refuse.
 */
class NegotiationTest {

    private static final String ID = "n-1";
    private static final List<Party> PARTIES = List.of(new Party("UA", "Ukraine"), new Party("RU", "Russia"));
    private static final TermDefinition NATO = TermDefinition.enumTerm("nato_membership", "PURSUE", "PAUSED");
    private static final NegotiationOpened OPENED =
            new NegotiationOpened(ID, "Security settlement", null, PARTIES, List.of(NATO));
    private static final TermValue PAUSED = new TermValue.Text("PAUSED");
    private static final Caller UKRAINE = Caller.party("team-ua", "UA");
    private static final Caller RUSSIA = Caller.party("team-ru", "RU");

    private AggregateTestFixture<Negotiation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Negotiation.class);
        fixture.registerCommandTargetResolver(new NegotiationTargetResolver());
    }

    @Test
    void openingCreatesTheNegotiationAtVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new OpenNegotiation(ID, "Security settlement", null, PARTIES, List.of(NATO),
                        Caller.facilitator("facilitator"), null))
                .expectEvents(OPENED)
                .expectResultMessagePayload(1L);
    }

    @Test
    void aCommandIsDecidedOnTheNegotiationRebuiltFromItsEventsAndAnswersItsNewVersion() {
        fixture.given(OPENED, new MoveProposed(ID, "p1", "UA", "nato_membership", PAUSED, null))
                .when(new AcceptMove(ID, "a1", "RU", "p1", null, RUSSIA, null))
                .expectEvents(new MoveAccepted(ID, "a1", "RU", "p1", null),
                        new TermAgreed(ID, "nato_membership", "p1", PAUSED))
                .expectResultMessagePayload(4L);
    }

    @Test
    void aRefusalAppendsNothingAndReachesTheCallerAsItsOwnType() {
        fixture.given(OPENED)
                .when(new ProposeMove(ID, "p1", "RU", "nato_membership", TextNode.valueOf("PAUSED"), null, UKRAINE,
                        null))
                .expectNoEvents()
                .expectException(NotPermitted.class);
    }

    @Test
    void aNegotiationThatWasNeverOpenedIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ProposeMove(ID, "p1", "UA", "nato_membership", TextNode.valueOf("PAUSED"), null, UKRAINE,
                        null))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
