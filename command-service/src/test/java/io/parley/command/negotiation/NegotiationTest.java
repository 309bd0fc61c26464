package io.parley.command.negotiation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.CollapseNegotiation;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.DealSigned;
import io.parley.model.negotiation.DeclareRedLine;
import io.parley.model.negotiation.MoveAccepted;
import io.parley.model.negotiation.MoveCountered;
import io.parley.model.negotiation.MoveProposed;
import io.parley.model.negotiation.MoveRejected;
import io.parley.model.negotiation.MoveWithdrawn;
import io.parley.model.negotiation.NegotiationCollapsed;
import io.parley.model.negotiation.NegotiationConcluded;
import io.parley.model.negotiation.NegotiationOpened;
import io.parley.model.negotiation.NotPermitted;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.Party;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RedLineDeclared;
import io.parley.model.negotiation.RedLineRetracted;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.RetractRedLine;
import io.parley.model.negotiation.RuleViolation;
import io.parley.model.negotiation.SignDeal;
import io.parley.model.negotiation.StaleVersion;
import io.parley.model.negotiation.TermAgreed;
import io.parley.model.negotiation.UnknownRedLine;
import io.parley.model.negotiation.WithdrawMove;
import io.parley.model.term.FieldError;
import io.parley.model.term.InvalidInput;
import io.parley.model.term.TermDefinition;
import io.parley.model.term.TermValue;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of the table as the aggregate enforces them: given what happened, when a party moves, then these events
 * (or this refusal). Three parties sit at the table; {@code nato_membership} needs everyone's consent,
 * {@code army_cap} only Ukraine's and Russia's.
 */
class NegotiationTest {

    private static final String ID = "n-1";
    private static final List<Party> PARTIES =
            List.of(new Party("UA", "Ukraine"), new Party("RU", "Russia"), new Party("US", "United States"));
    private static final TermDefinition NATO =
            TermDefinition.enumTerm("nato_membership", "PURSUE", "PAUSED", "RENOUNCED");
    private static final TermDefinition ARMY_CAP =
            TermDefinition.integerTerm("army_cap", 0L, 1_000_000L, true).withConsent(List.of("UA", "RU"));
    private static final NegotiationOpened OPENED =
            new NegotiationOpened(ID, "Security settlement", null, PARTIES, List.of(NATO, ARMY_CAP));

    private static final TextNode PAUSED = TextNode.valueOf("PAUSED");
    private static final TermValue PAUSED_VALUE = new TermValue.Text("PAUSED");

    private AggregateTestFixture<Negotiation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Negotiation.class);
        fixture.registerCommandTargetResolver(new NegotiationTargetResolver());
    }

    // ------------------------------------------------------------------ commands and events, shortened

    private static ProposeMove propose(String moveId, String party, String term, JsonNode value) {
        return new ProposeMove(ID, moveId, party, term, value, null, null);
    }

    private static MoveProposed proposed(String moveId, String party, String term, TermValue value) {
        return new MoveProposed(ID, moveId, party, term, value, null);
    }

    private static AcceptMove accept(String moveId, String party, String proposalId) {
        return new AcceptMove(ID, moveId, party, proposalId, null, null);
    }

    private static MoveAccepted accepted(String moveId, String party, String proposalId) {
        return new MoveAccepted(ID, moveId, party, proposalId, null);
    }

    /** UA proposed PAUSED for nato_membership as move p1. */
    private static final MoveProposed UA_PROPOSED_PAUSED = proposed("p1", "UA", "nato_membership", PAUSED_VALUE);

    private static Matcher<Object> ruleViolation(String code) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof RuleViolation violation && violation.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation with code ").appendValue(code);
            }
        };
    }

    private static Matcher<Object> invalidInput(String... fields) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof InvalidInput invalid
                        && invalid.errors().stream().map(FieldError::field).toList().equals(List.of(fields));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an InvalidInput naming exactly ").appendValue(List.of(fields));
            }
        };
    }

    /** An InvalidInput naming only {@code expression}, whose message says where ({@code line:column}). */
    private static Matcher<Object> expressionErrorAt() {
        Pattern position = Pattern.compile("\\b\\d+:\\d+\\b");
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof InvalidInput invalid
                        && invalid.errors().stream().map(FieldError::field).toList().equals(List.of("expression"))
                        && position.matcher(invalid.errors().get(0).message()).find();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an InvalidInput naming expression with a line:column");
            }
        };
    }

    @Nested
    class Opening {

        @Test
        void aFacilitatorOpensATableWithItsPartiesAndTerms() {
            fixture.givenNoPriorActivity()
                    .when(new OpenNegotiation(ID, "Security settlement", null, PARTIES, List.of(NATO, ARMY_CAP)))
                    .expectEvents(OPENED)
                    .expectResultMessagePayload(new CommandOutcome(null, 1));
        }

        @Test
        void aTableWithOnePartyAndAMalformedTermIsRefusedNamingEachProblem() {
            TermDefinition badTerm = new TermDefinition("Bad Id", null, null, null, null, null, null, null, null, null);
            fixture.givenNoPriorActivity()
                    .when(new OpenNegotiation(ID, "", null, List.of(new Party("UA", "Ukraine")), List.of(badTerm)))
                    .expectNoEvents()
                    .expectException(invalidInput("title", "parties", "terms[0].id", "terms[0].type"));
        }

        @Test
        void aConsentListMayOnlyNameParties() {
            fixture.givenNoPriorActivity()
                    .when(new OpenNegotiation(ID, "t", null, PARTIES, List.of(NATO.withConsent(List.of("UA", "CN")))))
                    .expectNoEvents()
                    .expectException(invalidInput("terms[0].consent[1]"));
        }
    }

    @Nested
    class Proposing {

        @Test
        void aPartyProposesAValueForATerm() {
            fixture.given(OPENED)
                    .when(propose("p1", "UA", "nato_membership", PAUSED))
                    .expectEvents(UA_PROPOSED_PAUSED)
                    .expectResultMessagePayload(new CommandOutcome("p1", 2));
        }

        @Test
        void aTermNotOnTheTableIsInvalidInput() {
            fixture.given(OPENED)
                    .when(propose("p1", "UA", "territory", PAUSED))
                    .expectNoEvents()
                    .expectException(invalidInput("term"));
        }

        @Test
        void aValueOutsideTheTermsDomainIsInvalidInput() {
            fixture.given(OPENED)
                    .when(propose("p1", "UA", "nato_membership", TextNode.valueOf("JOIN_TOMORROW")))
                    .expectNoEvents()
                    .expectException(invalidInput("value"));
        }

        @Test
        void someoneWhoIsNotAPartyCannotPropose() {
            fixture.given(OPENED)
                    .when(propose("p1", "CN", "nato_membership", PAUSED))
                    .expectNoEvents()
                    .expectException(ruleViolation("not-a-party"));
        }

        @Test
        void nothingCanBeProposedAfterTheNegotiationConcluded() {
            fixture.given(OPENED, new DealSigned(ID, "UA"), new DealSigned(ID, "RU"), new DealSigned(ID, "US"),
                            new NegotiationConcluded(ID, Map.of()))
                    .when(propose("p1", "UA", "nato_membership", PAUSED))
                    .expectNoEvents()
                    .expectException(ruleViolation("negotiation-concluded"));
        }

        @Test
        void nothingCanBeProposedAfterTheNegotiationCollapsed() {
            fixture.given(OPENED, new NegotiationCollapsed(ID, "talks broke down"))
                    .when(propose("p1", "UA", "nato_membership", PAUSED))
                    .expectNoEvents()
                    .expectException(ruleViolation("negotiation-collapsed"));
        }

        @Test
        void anAgreedTermIsNotReopenedByANewProposal() {
            fixture.given(OPENED, proposed("p1", "UA", "army_cap", new TermValue.Whole(100_000)),
                            accepted("a1", "RU", "p1"),
                            new TermAgreed(ID, "army_cap", "p1", new TermValue.Whole(100_000)))
                    .when(propose("p2", "RU", "army_cap", IntNode.valueOf(50_000)))
                    .expectNoEvents()
                    .expectException(ruleViolation("term-agreed"));
        }

        @Test
        void aStaleIfMatchIsRefusedWithTheCurrentVersion() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new ProposeMove(ID, "p2", "RU", "nato_membership", PAUSED, null, 1L))
                    .expectNoEvents()
                    .expectException(new TypeSafeMatcher<>(Object.class) {
                        @Override
                        protected boolean matchesSafely(Object item) {
                            return item instanceof StaleVersion stale && stale.expected() == 1 && stale.actual() == 2;
                        }

                        @Override
                        public void describeTo(Description description) {
                            description.appendText("StaleVersion(expected 1, actual 2)");
                        }
                    });
        }

        @Test
        void theCurrentIfMatchIsAccepted() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new ProposeMove(ID, "p2", "RU", "nato_membership", PAUSED, null, 2L))
                    .expectEvents(proposed("p2", "RU", "nato_membership", PAUSED_VALUE))
                    .expectResultMessagePayload(new CommandOutcome("p2", 3));
        }

        @Test
        void aNegotiationThatWasNeverOpenedIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(propose("p1", "UA", "nato_membership", PAUSED))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Accepting {

        @Test
        void aTermIsAgreedWhenEveryConsentingPartyHasAccepted() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED, accepted("a1", "RU", "p1"))
                    .when(accept("a2", "US", "p1"))
                    .expectEvents(accepted("a2", "US", "p1"), new TermAgreed(ID, "nato_membership", "p1", PAUSED_VALUE))
                    .expectResultMessagePayload(new CommandOutcome("a2", 5));
        }

        @Test
        void oneAcceptanceIsNotYetAnAgreementWhenAnotherPartyMustConsent() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(accept("a1", "RU", "p1"))
                    .expectEvents(accepted("a1", "RU", "p1"))
                    .expectResultMessagePayload(new CommandOutcome("a1", 3));
        }

        @Test
        void theProposerCountsAsConsentingAndACustomConsentListLeavesOthersOut() {
            TermValue cap = new TermValue.Whole(250_000);
            fixture.given(OPENED, proposed("p1", "UA", "army_cap", cap))
                    .when(accept("a1", "RU", "p1"))
                    .expectEvents(accepted("a1", "RU", "p1"), new TermAgreed(ID, "army_cap", "p1", cap));
        }

        @Test
        void aPartyCannotAcceptItsOwnProposal() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(accept("a1", "UA", "p1"))
                    .expectNoEvents()
                    .expectException(ruleViolation("own-proposal"));
        }

        @Test
        void aPartyCannotAcceptTheSameProposalTwice() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED, accepted("a1", "RU", "p1"))
                    .when(accept("a2", "RU", "p1"))
                    .expectNoEvents()
                    .expectException(ruleViolation("already-accepted"));
        }

        @Test
        void onlyAPendingProposalCanBeAccepted() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED, new MoveWithdrawn(ID, "w1", "UA", "p1", null))
                    .when(accept("a1", "RU", "p1"))
                    .expectNoEvents()
                    .expectException(ruleViolation("proposal-withdrawn"));
        }

        @Test
        void anUnknownMoveIdIsInvalidInput() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(accept("a1", "RU", "no-such-move"))
                    .expectNoEvents()
                    .expectException(invalidInput("moveId"));
        }
    }

    @Nested
    class Rejecting {

        @Test
        void aRejectionByAConsentingPartyClosesTheProposal() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED, new MoveRejected(ID, "r1", "RU", "p1", "never"))
                    .when(accept("a1", "US", "p1"))
                    .expectNoEvents()
                    .expectException(ruleViolation("proposal-rejected"));
        }

        @Test
        void aPartyRejectsAProposal() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new RejectMove(ID, "r1", "RU", "p1", "never", null))
                    .expectEvents(new MoveRejected(ID, "r1", "RU", "p1", "never"))
                    .expectResultMessagePayload(new CommandOutcome("r1", 3));
        }

        @Test
        void aRejectionByAPartyWhoseConsentIsNotNeededLeavesTheProposalOpen() {
            TermValue cap = new TermValue.Whole(250_000);
            fixture.given(OPENED, proposed("p1", "UA", "army_cap", cap), new MoveRejected(ID, "r1", "US", "p1", null))
                    .when(accept("a1", "RU", "p1"))
                    .expectEvents(accepted("a1", "RU", "p1"), new TermAgreed(ID, "army_cap", "p1", cap));
        }
    }

    @Nested
    class Countering {

        @Test
        void aCounterReplacesTheProposalWithAnotherValue() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new CounterMove(ID, "c1", "RU", "p1", TextNode.valueOf("RENOUNCED"), "neutrality", null))
                    .expectEvents(new MoveCountered(ID, "c1", "RU", "p1", "nato_membership",
                            new TermValue.Text("RENOUNCED"), "neutrality"))
                    .expectResultMessagePayload(new CommandOutcome("c1", 3));
        }

        @Test
        void theCounterProposalCanThenBeAccepted() {
            TermValue renounced = new TermValue.Text("RENOUNCED");
            fixture.given(OPENED, UA_PROPOSED_PAUSED,
                            new MoveCountered(ID, "c1", "RU", "p1", "nato_membership", renounced, null),
                            accepted("a1", "US", "c1"))
                    .when(accept("a2", "UA", "c1"))
                    .expectEvents(accepted("a2", "UA", "c1"), new TermAgreed(ID, "nato_membership", "c1", renounced));
        }

        @Test
        void aPartyCannotCounterItsOwnProposal() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new CounterMove(ID, "c1", "UA", "p1", TextNode.valueOf("RENOUNCED"), null, null))
                    .expectNoEvents()
                    .expectException(ruleViolation("own-proposal"));
        }

        @Test
        void aCounterValueMustFitTheTerm() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new CounterMove(ID, "c1", "RU", "p1", IntNode.valueOf(3), null, null))
                    .expectNoEvents()
                    .expectException(invalidInput("value"));
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void theProposerWithdrawsItsProposal() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new WithdrawMove(ID, "w1", "UA", "p1", null, null))
                    .expectEvents(new MoveWithdrawn(ID, "w1", "UA", "p1", null))
                    .expectResultMessagePayload(new CommandOutcome("w1", 3));
        }

        @Test
        void onlyTheProposerCanWithdrawAProposal() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new WithdrawMove(ID, "w1", "RU", "p1", null, null))
                    .expectNoEvents()
                    .expectException(ruleViolation("not-proposer"));
        }
    }

    @Nested
    class Signing {

        private final TermAgreed natoAgreed = new TermAgreed(ID, "nato_membership", "p1", PAUSED_VALUE);

        @Test
        void theNegotiationConcludesWhenEveryPartyHasSigned() {
            fixture.given(OPENED, UA_PROPOSED_PAUSED, accepted("a1", "RU", "p1"), accepted("a2", "US", "p1"),
                            natoAgreed, new DealSigned(ID, "UA"), new DealSigned(ID, "RU"))
                    .when(new SignDeal(ID, "US", null))
                    .expectEvents(new DealSigned(ID, "US"),
                            new NegotiationConcluded(ID, Map.of("nato_membership", PAUSED_VALUE)))
                    .expectResultMessagePayload(new CommandOutcome(null, 9));
        }

        @Test
        void aSignatureBeforeTheLastOneDoesNotConclude() {
            fixture.given(OPENED)
                    .when(new SignDeal(ID, "UA", null))
                    .expectEvents(new DealSigned(ID, "UA"))
                    .expectResultMessagePayload(new CommandOutcome(null, 2));
        }

        @Test
        void aPartyCannotSignTheSameDealTwice() {
            fixture.given(OPENED, new DealSigned(ID, "UA"))
                    .when(new SignDeal(ID, "UA", null))
                    .expectNoEvents()
                    .expectException(ruleViolation("already-signed"));
        }

        @Test
        void anAgreementAfterASignatureVoidsTheSignaturesSoThePartySignsAgain() {
            fixture.given(OPENED, new DealSigned(ID, "UA"), UA_PROPOSED_PAUSED, accepted("a1", "RU", "p1"),
                            accepted("a2", "US", "p1"), natoAgreed)
                    .when(new SignDeal(ID, "UA", null))
                    .expectEvents(new DealSigned(ID, "UA"));
        }
    }

    @Nested
    class Collapsing {

        @Test
        void theFacilitatorRecordsACollapseWithItsReason() {
            fixture.given(OPENED)
                    .when(new CollapseNegotiation(ID, "talks broke down", null))
                    .expectEvents(new NegotiationCollapsed(ID, "talks broke down"))
                    .expectResultMessagePayload(new CommandOutcome(null, 2));
        }

        @Test
        void aCollapseNeedsAReason() {
            fixture.given(OPENED)
                    .when(new CollapseNegotiation(ID, " ", null))
                    .expectNoEvents()
                    .expectException(invalidInput("reason"));
        }

        @Test
        void aCollapsedNegotiationCannotCollapseAgain() {
            fixture.given(OPENED, new NegotiationCollapsed(ID, "first"))
                    .when(new CollapseNegotiation(ID, "second", null))
                    .expectNoEvents()
                    .expectException(ruleViolation("negotiation-collapsed"));
        }
    }

    @Nested
    class RedLines {

        private static final String NEVER_NATO = "deal.nato_membership != 'PURSUE'";
        private static final RedLineDeclared RUSSIA_NEVER_NATO =
                new RedLineDeclared(ID, "r1", "RU", "Ukraine never in NATO", NEVER_NATO, "RU");

        private static DeclareRedLine declare(String party, String title, String expression, String actor) {
            return new DeclareRedLine(ID, "r1", party, title, expression, actor, null);
        }

        @Test
        void aPartyDeclaresItsOwnRedLine() {
            fixture.given(OPENED)
                    .when(declare("RU", "Ukraine never in NATO", NEVER_NATO, "RU"))
                    .expectEvents(RUSSIA_NEVER_NATO)
                    .expectResultMessagePayload(new CommandOutcome(null, 2));
        }

        @Test
        void theFacilitatorDeclaresARedLineOnAPartysBehalf() {
            fixture.given(OPENED)
                    .when(declare("RU", "Ukraine never in NATO", NEVER_NATO, Party.FACILITATOR))
                    .expectEvents(new RedLineDeclared(ID, "r1", "RU", "Ukraine never in NATO", NEVER_NATO,
                            Party.FACILITATOR))
                    .expectResultMessagePayload(new CommandOutcome(null, 2));
        }

        @Test
        void aPartyCannotDeclareARedLineForAnotherParty() {
            fixture.given(OPENED)
                    .when(declare("RU", "Ukraine never in NATO", NEVER_NATO, "UA"))
                    .expectNoEvents()
                    .expectException(NotPermitted.class);
        }

        @Test
        void aRedLineForSomeoneNotAtTheTableBreaksARule() {
            fixture.given(OPENED)
                    .when(declare("CN", "no blocs", NEVER_NATO, Party.FACILITATOR))
                    .expectNoEvents()
                    .expectException(ruleViolation("not-a-party"));
        }

        @Test
        void aRedLineNeedsATitleAndAnExpression() {
            fixture.given(OPENED)
                    .when(declare("RU", " ", "", "RU"))
                    .expectNoEvents()
                    .expectException(invalidInput("title", "expression"));
        }

        @Test
        void anExpressionThatDoesNotCompileIsInvalidInputSayingWhere() {
            fixture.given(OPENED)
                    .when(declare("RU", "Ukraine never in NATO", "deal.nato_membership ==", "RU"))
                    .expectNoEvents()
                    .expectException(expressionErrorAt());
        }

        @Test
        void aPartyRetractsItsOwnRedLine() {
            fixture.given(OPENED, RUSSIA_NEVER_NATO)
                    .when(new RetractRedLine(ID, "r1", "RU", null))
                    .expectEvents(new RedLineRetracted(ID, "r1", "RU", "RU"))
                    .expectResultMessagePayload(new CommandOutcome(null, 3));
        }

        @Test
        void theFacilitatorRetractsAPartysRedLine() {
            fixture.given(OPENED, RUSSIA_NEVER_NATO)
                    .when(new RetractRedLine(ID, "r1", Party.FACILITATOR, null))
                    .expectEvents(new RedLineRetracted(ID, "r1", "RU", Party.FACILITATOR))
                    .expectResultMessagePayload(new CommandOutcome(null, 3));
        }

        @Test
        void aPartyCannotRetractAnotherPartysRedLine() {
            fixture.given(OPENED, RUSSIA_NEVER_NATO)
                    .when(new RetractRedLine(ID, "r1", "UA", null))
                    .expectNoEvents()
                    .expectException(NotPermitted.class);
        }

        @Test
        void retractingARedLineThatIsNotInForceIsUnknown() {
            fixture.given(OPENED, RUSSIA_NEVER_NATO, new RedLineRetracted(ID, "r1", "RU", "RU"))
                    .when(new RetractRedLine(ID, "r1", "RU", null))
                    .expectNoEvents()
                    .expectException(UnknownRedLine.class);
        }

        @Test
        void retractingAnIdThatWasNeverDeclaredIsUnknown() {
            fixture.given(OPENED)
                    .when(new RetractRedLine(ID, "no-such-line", Party.FACILITATOR, null))
                    .expectNoEvents()
                    .expectException(UnknownRedLine.class);
        }

        @Test
        void noRedLineIsDeclaredAfterTheNegotiationCollapsed() {
            fixture.given(OPENED, new NegotiationCollapsed(ID, "talks broke down"))
                    .when(declare("RU", "Ukraine never in NATO", NEVER_NATO, "RU"))
                    .expectNoEvents()
                    .expectException(ruleViolation("negotiation-collapsed"));
        }

        @Test
        void noRedLineIsRetractedAfterTheNegotiationCollapsed() {
            fixture.given(OPENED, RUSSIA_NEVER_NATO, new NegotiationCollapsed(ID, "talks broke down"))
                    .when(new RetractRedLine(ID, "r1", "RU", null))
                    .expectNoEvents()
                    .expectException(ruleViolation("negotiation-collapsed"));
        }
    }
}
