package io.parley.model.deal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.parley.model.access.Caller;
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
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.NegotiationConcluded;
import io.parley.model.negotiation.NegotiationEvent;
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
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.parley.testing.Callers.FACILITATOR;
import static io.parley.testing.Callers.OBSERVER;
import static io.parley.testing.Callers.as;
import static io.parley.testing.Callers.team;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The rules of the table ({@link DealState#decide}), who may do what included: given what happened, when someone
 * gives a command, then these events, or this refusal. Three parties sit at the table; {@code nato_membership} needs
 * everyone's consent, {@code army_cap} only Ukraine's and Russia's.
 */
class RulesOfTheTableTest {

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

    // ------------------------------------------------------------------ given, when, then

    private static Given given(NegotiationEvent... past) {
        return new Given(DealState.of(List.of(past)));
    }

    private record Given(DealState state) {
        When when(NegotiationCommand command) {
            return new When(state, command);
        }
    }

    private record When(DealState state, NegotiationCommand command) {

        /** The command leads to exactly these events. */
        When then(NegotiationEvent... expected) {
            assertThat(state.decide(command)).containsExactly(expected);
            return this;
        }

        /** ... after which the negotiation is at this version. */
        void thenVersion(long expected) {
            DealState after = state;
            for (NegotiationEvent event : state.decide(command)) {
                after = after.apply(event);
            }
            assertThat(after.version()).isEqualTo(expected);
        }

        /** The command is refused with this exception, and so leads to no event. */
        <T extends Throwable> ObjectAssert<T> thenRefused(Class<T> type) {
            T refusal = catchThrowableOfType(() -> state.decide(command), type);
            assertThat(refusal).as("refused with " + type.getSimpleName()).isNotNull();
            return assertThat((Object) refusal).asInstanceOf(InstanceOfAssertFactories.type(type));
        }

        void thenRuleViolation(String code) {
            thenRefused(RuleViolation.class).extracting(RuleViolation::code).isEqualTo(code);
        }

        /** Refused as invalid input naming exactly these fields. */
        void thenInvalid(String... fields) {
            thenRefused(InvalidInput.class).extracting(e -> e.errors().stream().map(FieldError::field).toList())
                    .isEqualTo(List.of(fields));
        }

        /** Refused as invalid input naming only {@code expression}, with where ({@code line:column}). */
        void thenInvalidExpressionSayingWhere() {
            thenInvalid("expression");
            InvalidInput refusal = catchThrowableOfType(() -> state.decide(command), InvalidInput.class);
            assertThat(refusal.errors().get(0).message()).containsPattern(Pattern.compile("\\b\\d+:\\d+\\b"));
        }

        void thenNotPermitted() {
            thenRefused(NotPermitted.class);
        }
    }

    // ------------------------------------------------------------------ commands and events, shortened

    private static ProposeMove propose(String moveId, String party, String term, JsonNode value) {
        return new ProposeMove(ID, moveId, party, term, value, null, team(party), null);
    }

    private static MoveProposed proposed(String moveId, String party, String term, TermValue value) {
        return new MoveProposed(ID, moveId, party, term, value, null);
    }

    private static AcceptMove accept(String moveId, String party, String proposalId) {
        return new AcceptMove(ID, moveId, party, proposalId, null, team(party), null);
    }

    private static MoveAccepted accepted(String moveId, String party, String proposalId) {
        return new MoveAccepted(ID, moveId, party, proposalId, null);
    }

    /** UA proposed PAUSED for nato_membership as move p1. */
    private static final MoveProposed UA_PROPOSED_PAUSED = proposed("p1", "UA", "nato_membership", PAUSED_VALUE);

    @Nested
    class Opening {

        @Test
        void aFacilitatorOpensATableWithItsPartiesAndTerms() {
            given()
                    .when(new OpenNegotiation(ID, "Security settlement", null, PARTIES, List.of(NATO, ARMY_CAP), FACILITATOR, null))
                    .then(OPENED)
                    .thenVersion(1);
        }

        @Test
        void aTableWithOnePartyAndAMalformedTermIsRefusedNamingEachProblem() {
            TermDefinition badTerm = new TermDefinition("Bad Id", null, null, null, null, null, null, null, null, null);
            given()
                    .when(new OpenNegotiation(ID, "", null, List.of(new Party("UA", "Ukraine")), List.of(badTerm), FACILITATOR,
                            null))
                    .thenInvalid("title", "parties", "terms[0].id", "terms[0].type");
        }

        @Test
        void aConsentListMayOnlyNameParties() {
            given()
                    .when(new OpenNegotiation(ID, "t", null, PARTIES, List.of(NATO.withConsent(List.of("UA", "CN"))),
                            FACILITATOR, null))
                    .thenInvalid("terms[0].consent[1]");
        }
    }

    @Nested
    class Proposing {

        @Test
        void aPartyProposesAValueForATerm() {
            given(OPENED)
                    .when(propose("p1", "UA", "nato_membership", PAUSED))
                    .then(UA_PROPOSED_PAUSED)
                    .thenVersion(2);
        }

        @Test
        void aTermNotOnTheTableIsInvalidInput() {
            given(OPENED)
                    .when(propose("p1", "UA", "territory", PAUSED))
                    .thenInvalid("term");
        }

        @Test
        void aValueOutsideTheTermsDomainIsInvalidInput() {
            given(OPENED)
                    .when(propose("p1", "UA", "nato_membership", TextNode.valueOf("JOIN_TOMORROW")))
                    .thenInvalid("value");
        }

        @Test
        void someoneWhoIsNotAPartyCannotPropose() {
            given(OPENED)
                    .when(propose("p1", "CN", "nato_membership", PAUSED))
                    .thenNotPermitted();
        }

        @Test
        void nothingCanBeProposedAfterTheNegotiationConcluded() {
            given(OPENED, new DealSigned(ID, "UA"), new DealSigned(ID, "RU"), new DealSigned(ID, "US"),
                            new NegotiationConcluded(ID, Map.of()))
                    .when(propose("p1", "UA", "nato_membership", PAUSED))
                    .thenRuleViolation("negotiation-concluded");
        }

        @Test
        void nothingCanBeProposedAfterTheNegotiationCollapsed() {
            given(OPENED, new NegotiationCollapsed(ID, "talks broke down"))
                    .when(propose("p1", "UA", "nato_membership", PAUSED))
                    .thenRuleViolation("negotiation-collapsed");
        }

        @Test
        void anAgreedTermIsNotReopenedByANewProposal() {
            given(OPENED, proposed("p1", "UA", "army_cap", new TermValue.Whole(100_000)),
                            accepted("a1", "RU", "p1"),
                            new TermAgreed(ID, "army_cap", "p1", new TermValue.Whole(100_000)))
                    .when(propose("p2", "RU", "army_cap", IntNode.valueOf(50_000)))
                    .thenRuleViolation("term-agreed");
        }

        @Test
        void aStaleIfMatchIsRefusedWithTheCurrentVersion() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new ProposeMove(ID, "p2", "RU", "nato_membership", PAUSED, null, team("RU"), 1L))
                    .thenRefused(StaleVersion.class)
                    .satisfies(stale -> assertThat(List.of(stale.expected(), stale.actual())).containsExactly(1L, 2L));
        }

        @Test
        void theCurrentIfMatchIsAccepted() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new ProposeMove(ID, "p2", "RU", "nato_membership", PAUSED, null, team("RU"), 2L))
                    .then(proposed("p2", "RU", "nato_membership", PAUSED_VALUE))
                    .thenVersion(3);
        }

        @Test
        void nothingHappensInANegotiationThatWasNeverOpened() {
            given()
                    .when(propose("p1", "UA", "nato_membership", PAUSED))
                    .thenRuleViolation("not-opened");
        }
    }

    @Nested
    class Accepting {

        @Test
        void aTermIsAgreedWhenEveryConsentingPartyHasAccepted() {
            given(OPENED, UA_PROPOSED_PAUSED, accepted("a1", "RU", "p1"))
                    .when(accept("a2", "US", "p1"))
                    .then(accepted("a2", "US", "p1"), new TermAgreed(ID, "nato_membership", "p1", PAUSED_VALUE))
                    .thenVersion(5);
        }

        @Test
        void oneAcceptanceIsNotYetAnAgreementWhenAnotherPartyMustConsent() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(accept("a1", "RU", "p1"))
                    .then(accepted("a1", "RU", "p1"))
                    .thenVersion(3);
        }

        @Test
        void theProposerCountsAsConsentingAndACustomConsentListLeavesOthersOut() {
            TermValue cap = new TermValue.Whole(250_000);
            given(OPENED, proposed("p1", "UA", "army_cap", cap))
                    .when(accept("a1", "RU", "p1"))
                    .then(accepted("a1", "RU", "p1"), new TermAgreed(ID, "army_cap", "p1", cap));
        }

        @Test
        void aPartyCannotAcceptItsOwnProposal() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(accept("a1", "UA", "p1"))
                    .thenRuleViolation("own-proposal");
        }

        @Test
        void aPartyCannotAcceptTheSameProposalTwice() {
            given(OPENED, UA_PROPOSED_PAUSED, accepted("a1", "RU", "p1"))
                    .when(accept("a2", "RU", "p1"))
                    .thenRuleViolation("already-accepted");
        }

        @Test
        void onlyAPendingProposalCanBeAccepted() {
            given(OPENED, UA_PROPOSED_PAUSED, new MoveWithdrawn(ID, "w1", "UA", "p1", null))
                    .when(accept("a1", "RU", "p1"))
                    .thenRuleViolation("proposal-withdrawn");
        }

        @Test
        void anUnknownMoveIdIsInvalidInput() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(accept("a1", "RU", "no-such-move"))
                    .thenInvalid("moveId");
        }
    }

    @Nested
    class Rejecting {

        @Test
        void aRejectionByAConsentingPartyClosesTheProposal() {
            given(OPENED, UA_PROPOSED_PAUSED, new MoveRejected(ID, "r1", "RU", "p1", "never"))
                    .when(accept("a1", "US", "p1"))
                    .thenRuleViolation("proposal-rejected");
        }

        @Test
        void aPartyRejectsAProposal() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new RejectMove(ID, "r1", "RU", "p1", "never", team("RU"), null))
                    .then(new MoveRejected(ID, "r1", "RU", "p1", "never"))
                    .thenVersion(3);
        }

        @Test
        void aRejectionByAPartyWhoseConsentIsNotNeededLeavesTheProposalOpen() {
            TermValue cap = new TermValue.Whole(250_000);
            given(OPENED, proposed("p1", "UA", "army_cap", cap), new MoveRejected(ID, "r1", "US", "p1", null))
                    .when(accept("a1", "RU", "p1"))
                    .then(accepted("a1", "RU", "p1"), new TermAgreed(ID, "army_cap", "p1", cap));
        }
    }

    @Nested
    class Countering {

        @Test
        void aCounterReplacesTheProposalWithAnotherValue() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new CounterMove(ID, "c1", "RU", "p1", TextNode.valueOf("RENOUNCED"), "neutrality", team("RU"), null))
                    .then(new MoveCountered(ID, "c1", "RU", "p1", "nato_membership",
                            new TermValue.Text("RENOUNCED"), "neutrality"))
                    .thenVersion(3);
        }

        @Test
        void theCounterProposalCanThenBeAccepted() {
            TermValue renounced = new TermValue.Text("RENOUNCED");
            given(OPENED, UA_PROPOSED_PAUSED,
                            new MoveCountered(ID, "c1", "RU", "p1", "nato_membership", renounced, null),
                            accepted("a1", "US", "c1"))
                    .when(accept("a2", "UA", "c1"))
                    .then(accepted("a2", "UA", "c1"), new TermAgreed(ID, "nato_membership", "c1", renounced));
        }

        @Test
        void aPartyCannotCounterItsOwnProposal() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new CounterMove(ID, "c1", "UA", "p1", TextNode.valueOf("RENOUNCED"), null, team("UA"), null))
                    .thenRuleViolation("own-proposal");
        }

        @Test
        void aCounterValueMustFitTheTerm() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new CounterMove(ID, "c1", "RU", "p1", IntNode.valueOf(3), null, team("RU"), null))
                    .thenInvalid("value");
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void theProposerWithdrawsItsProposal() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new WithdrawMove(ID, "w1", "UA", "p1", null, team("UA"), null))
                    .then(new MoveWithdrawn(ID, "w1", "UA", "p1", null))
                    .thenVersion(3);
        }

        @Test
        void onlyTheProposerCanWithdrawAProposal() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new WithdrawMove(ID, "w1", "RU", "p1", null, team("RU"), null))
                    .thenRuleViolation("not-proposer");
        }
    }

    @Nested
    class Signing {

        private final TermAgreed natoAgreed = new TermAgreed(ID, "nato_membership", "p1", PAUSED_VALUE);

        @Test
        void theNegotiationConcludesWhenEveryPartyHasSigned() {
            given(OPENED, UA_PROPOSED_PAUSED, accepted("a1", "RU", "p1"), accepted("a2", "US", "p1"),
                            natoAgreed, new DealSigned(ID, "UA"), new DealSigned(ID, "RU"))
                    .when(new SignDeal(ID, "US", team("US"), null))
                    .then(new DealSigned(ID, "US"),
                            new NegotiationConcluded(ID, Map.of("nato_membership", PAUSED_VALUE)))
                    .thenVersion(9);
        }

        @Test
        void aSignatureBeforeTheLastOneDoesNotConclude() {
            given(OPENED)
                    .when(new SignDeal(ID, "UA", team("UA"), null))
                    .then(new DealSigned(ID, "UA"))
                    .thenVersion(2);
        }

        @Test
        void aPartyCannotSignTheSameDealTwice() {
            given(OPENED, new DealSigned(ID, "UA"))
                    .when(new SignDeal(ID, "UA", team("UA"), null))
                    .thenRuleViolation("already-signed");
        }

        @Test
        void anAgreementAfterASignatureVoidsTheSignaturesSoThePartySignsAgain() {
            given(OPENED, new DealSigned(ID, "UA"), UA_PROPOSED_PAUSED, accepted("a1", "RU", "p1"),
                            accepted("a2", "US", "p1"), natoAgreed)
                    .when(new SignDeal(ID, "UA", team("UA"), null))
                    .then(new DealSigned(ID, "UA"));
        }
    }

    @Nested
    class Collapsing {

        @Test
        void theFacilitatorRecordsACollapseWithItsReason() {
            given(OPENED)
                    .when(new CollapseNegotiation(ID, "talks broke down", FACILITATOR, null))
                    .then(new NegotiationCollapsed(ID, "talks broke down"))
                    .thenVersion(2);
        }

        @Test
        void aCollapseNeedsAReason() {
            given(OPENED)
                    .when(new CollapseNegotiation(ID, " ", FACILITATOR, null))
                    .thenInvalid("reason");
        }

        @Test
        void aCollapsedNegotiationCannotCollapseAgain() {
            given(OPENED, new NegotiationCollapsed(ID, "first"))
                    .when(new CollapseNegotiation(ID, "second", FACILITATOR, null))
                    .thenRuleViolation("negotiation-collapsed");
        }
    }

    @Nested
    class RedLines {

        private static final String NEVER_NATO = "deal.nato_membership != 'PURSUE'";
        private static final RedLineDeclared RUSSIA_NEVER_NATO =
                new RedLineDeclared(ID, "r1", "RU", "Ukraine never in NATO", NEVER_NATO, "RU");

        private static DeclareRedLine declare(String party, String title, String expression, String actor) {
            return new DeclareRedLine(ID, "r1", party, title, expression, as(actor), null);
        }

        @Test
        void aPartyDeclaresItsOwnRedLine() {
            given(OPENED)
                    .when(declare("RU", "Ukraine never in NATO", NEVER_NATO, "RU"))
                    .then(RUSSIA_NEVER_NATO)
                    .thenVersion(2);
        }

        @Test
        void theFacilitatorDeclaresARedLineOnAPartysBehalf() {
            given(OPENED)
                    .when(declare("RU", "Ukraine never in NATO", NEVER_NATO, Party.FACILITATOR))
                    .then(new RedLineDeclared(ID, "r1", "RU", "Ukraine never in NATO", NEVER_NATO,
                            Party.FACILITATOR))
                    .thenVersion(2);
        }

        @Test
        void aPartyCannotDeclareARedLineForAnotherParty() {
            given(OPENED)
                    .when(declare("RU", "Ukraine never in NATO", NEVER_NATO, "UA"))
                    .thenNotPermitted();
        }

        @Test
        void aRedLineForSomeoneNotAtTheTableBreaksARule() {
            given(OPENED)
                    .when(declare("CN", "no blocs", NEVER_NATO, Party.FACILITATOR))
                    .thenRuleViolation("not-a-party");
        }

        @Test
        void aRedLineNeedsATitleAndAnExpression() {
            given(OPENED)
                    .when(declare("RU", " ", "", "RU"))
                    .thenInvalid("title", "expression");
        }

        @Test
        void anExpressionThatDoesNotCompileIsInvalidInputSayingWhere() {
            given(OPENED)
                    .when(declare("RU", "Ukraine never in NATO", "deal.nato_membership ==", "RU"))
                    .thenInvalidExpressionSayingWhere();
        }

        @Test
        void aPartyRetractsItsOwnRedLine() {
            given(OPENED, RUSSIA_NEVER_NATO)
                    .when(new RetractRedLine(ID, "r1", team("RU"), null))
                    .then(new RedLineRetracted(ID, "r1", "RU", "RU"))
                    .thenVersion(3);
        }

        @Test
        void theFacilitatorRetractsAPartysRedLine() {
            given(OPENED, RUSSIA_NEVER_NATO)
                    .when(new RetractRedLine(ID, "r1", FACILITATOR, null))
                    .then(new RedLineRetracted(ID, "r1", "RU", Party.FACILITATOR))
                    .thenVersion(3);
        }

        @Test
        void aPartyCannotRetractAnotherPartysRedLine() {
            given(OPENED, RUSSIA_NEVER_NATO)
                    .when(new RetractRedLine(ID, "r1", team("UA"), null))
                    .thenNotPermitted();
        }

        @Test
        void retractingARedLineThatIsNotInForceIsUnknown() {
            given(OPENED, RUSSIA_NEVER_NATO, new RedLineRetracted(ID, "r1", "RU", "RU"))
                    .when(new RetractRedLine(ID, "r1", team("RU"), null))
                    .thenRefused(UnknownRedLine.class);
        }

        @Test
        void retractingAnIdThatWasNeverDeclaredIsUnknown() {
            given(OPENED)
                    .when(new RetractRedLine(ID, "no-such-line", FACILITATOR, null))
                    .thenRefused(UnknownRedLine.class);
        }

        @Test
        void noRedLineIsDeclaredAfterTheNegotiationCollapsed() {
            given(OPENED, new NegotiationCollapsed(ID, "talks broke down"))
                    .when(declare("RU", "Ukraine never in NATO", NEVER_NATO, "RU"))
                    .thenRuleViolation("negotiation-collapsed");
        }

        @Test
        void noRedLineIsRetractedAfterTheNegotiationCollapsed() {
            given(OPENED, RUSSIA_NEVER_NATO, new NegotiationCollapsed(ID, "talks broke down"))
                    .when(new RetractRedLine(ID, "r1", team("RU"), null))
                    .thenRuleViolation("negotiation-collapsed");
        }
    }

    @Nested
    class WhoMayDoWhat {

        private static final String NEVER_NATO = "deal.nato_membership != 'PURSUE'";
        private static final RedLineDeclared RUSSIA_NEVER_NATO =
                new RedLineDeclared(ID, "r1", "RU", "Ukraine never in NATO", NEVER_NATO, "RU");

        private OpenNegotiation open(Caller caller) {
            return new OpenNegotiation(ID, "Security settlement", null, PARTIES, List.of(NATO, ARMY_CAP), caller, null);
        }

        @Test
        void onlyTheFacilitatorOpensANegotiation() {
            given().when(open(team("UA"))).thenNotPermitted();
            given().when(open(OBSERVER)).thenNotPermitted();
            given().when(open(FACILITATOR)).then(OPENED);
        }

        @Test
        void aFacilitatorWhoseCredentialIsLimitedToNamedNegotiationsCannotOpenOne() {
            Caller limited = new Caller("facilitator", FACILITATOR.role(), null, Set.of("another"));
            given().when(open(limited)).thenNotPermitted();
        }

        @Test
        void openingExpectsVersionZeroOrNothing() {
            given().when(new OpenNegotiation(ID, "Security settlement", null, PARTIES, List.of(NATO, ARMY_CAP),
                    FACILITATOR, 0L)).then(OPENED);
            given().when(new OpenNegotiation(ID, "Security settlement", null, PARTIES, List.of(NATO, ARMY_CAP),
                    FACILITATOR, 3L)).thenRefused(StaleVersion.class);
        }

        @Test
        void aPartyMovesOnlyForItself() {
            given(OPENED).when(new ProposeMove(ID, "p1", "UA", "nato_membership", PAUSED, null, team("RU"), null))
                    .thenNotPermitted();
            given(OPENED, UA_PROPOSED_PAUSED).when(new AcceptMove(ID, "a1", "RU", "p1", null, team("US"), null))
                    .thenNotPermitted();
        }

        @Test
        void neitherTheFacilitatorNorAnObserverMovesOrSignsForAParty() {
            for (Caller caller : List.of(FACILITATOR, OBSERVER)) {
                given(OPENED).when(new ProposeMove(ID, "p1", "UA", "nato_membership", PAUSED, null, caller, null))
                        .thenNotPermitted();
                given(OPENED).when(new SignDeal(ID, "UA", caller, null)).thenNotPermitted();
            }
        }

        @Test
        void aPartyThatDoesNotSitAtThisTableChangesNothingInIt() {
            given(OPENED).when(new ProposeMove(ID, "p1", "CN", "nato_membership", PAUSED, null, team("CN"), null))
                    .thenNotPermitted();
            given(OPENED).when(new DeclareRedLine(ID, "r1", "CN", "no blocs", NEVER_NATO, team("CN"), null))
                    .thenNotPermitted();
        }

        @Test
        void whoMayActIsJudgedBeforeTheVersionAndTheState() {
            given(OPENED, UA_PROPOSED_PAUSED)
                    .when(new ProposeMove(ID, "p2", "UA", "nato_membership", PAUSED, null, team("RU"), 1L))
                    .thenNotPermitted();
            given(OPENED, new NegotiationCollapsed(ID, "talks broke down"))
                    .when(new ProposeMove(ID, "p1", "UA", "nato_membership", PAUSED, null, OBSERVER, null))
                    .thenNotPermitted();
        }

        @Test
        void onlyTheFacilitatorRecordsACollapse() {
            given(OPENED).when(new CollapseNegotiation(ID, "walked out", team("UA"), null)).thenNotPermitted();
            given(OPENED).when(new CollapseNegotiation(ID, "walked out", OBSERVER, null)).thenNotPermitted();
        }

        @Test
        void anObserverDeclaresAndRetractsNoRedLine() {
            given(OPENED).when(new DeclareRedLine(ID, "r1", "RU", "t", NEVER_NATO, OBSERVER, null)).thenNotPermitted();
            given(OPENED, RUSSIA_NEVER_NATO).when(new RetractRedLine(ID, "r1", OBSERVER, null)).thenNotPermitted();
        }

        @Test
        void theEventsNameWhoActedAsTheirActor() {
            given(OPENED, RUSSIA_NEVER_NATO).when(new RetractRedLine(ID, "r1", team("RU"), null))
                    .then(new RedLineRetracted(ID, "r1", "RU", "RU"));
        }

        @Test
        void aCommandWithoutItsCallerIsAMistakeOfTheCodeNotARefusal() {
            assertThatThrownBy(() -> DealState.of(List.of(OPENED))
                    .decide(new CollapseNegotiation(ID, "walked out", null, null)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
