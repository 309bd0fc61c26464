package io.parley.model.deal;

import static io.parley.testing.Callers.FACILITATOR;
import static io.parley.testing.Callers.as;
import static io.parley.testing.Callers.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.CollapseNegotiation;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.DeclareRedLine;
import io.parley.model.negotiation.NotPermitted;
import io.parley.model.negotiation.RetractRedLine;
import io.parley.model.negotiation.UnknownRedLine;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.Party;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.SignDeal;
import io.parley.model.negotiation.StaleVersion;
import io.parley.model.negotiation.WithdrawMove;
import io.parley.model.redline.RedLineChecks;
import io.parley.model.redline.RedLineVerdict;
import io.parley.model.term.InvalidInput;
import io.parley.model.term.TermDefinition;
import io.parley.model.term.TermType;
import io.parley.model.negotiation.RuleViolation;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sessions played by the rules: whatever the sequence, folding it in one pass equals folding it in two
 * halves, and the state stays consistent. This is what lets replay, "as of" and projections resume anywhere.
 */
class FoldPropertiesTest {

    private static final List<Party> PARTIES = List.of(new Party("A", "Alpha"), new Party("B", "Beta"), new Party("C", "Gamma"));
    private static final List<TermDefinition> TERMS = List.of(
            TermDefinition.enumTerm("colour", "RED", "GREEN", "BLUE"),
            TermDefinition.integerTerm("distance", 0L, 10L, true),
            TermDefinition.enumTerm("bilateral", "YES", "NO").withConsent(List.of("A", "B")),
            TermDefinition.enumTerm("solo", "ON", "OFF").withConsent(List.of("C")),
            new TermDefinition("pieces", null, TermType.ENUM_SET, List.of("X", "Y", "Z"), null, null, null, null, null, null));

    /** Red lines the parties declare at random; the last one does not compile and is refused. */
    private static final List<String> RED_LINES = List.of(
            "deal.colour != 'RED'",
            "deal.distance <= 5 || deal.distance == UNLIMITED",
            "'X' in deal.pieces && deal.solo == 'ON'",
            "deal.bilateral == 'YES' || deal.pieces.size() < 2",
            "deal.colour == 'PURPLE'");

    @Property(tries = 300)
    void foldingInOnePassEqualsFoldingInTwoHalves(@ForAll long seed, @ForAll @IntRange(min = 0, max = 100) int splitPercent) {
        List<NegotiationEvent> events = play(seed, 60);
        int split = events.size() * splitPercent / 100;

        DealState onePass = DealState.of(events);
        DealState firstHalf = DealState.of(events.subList(0, split));
        DealState twoHalves = firstHalf;
        for (NegotiationEvent e : events.subList(split, events.size())) {
            twoHalves = twoHalves.apply(e);
        }

        assertThat(twoHalves).isEqualTo(onePass);
        assertThat(firstHalf.version()).isEqualTo(split);
    }

    @Property(tries = 300)
    void everyReachableStateIsConsistent(@ForAll long seed) {
        List<NegotiationEvent> events = play(seed, 80);
        DealState state = DealState.EMPTY;
        for (NegotiationEvent e : events) {
            state = state.apply(e);
            assertConsistent(state);
        }
        assertThat(state.version()).isEqualTo(events.size());
        // One verdict per red line in force, in declaration order, whatever the session did.
        assertThat(RedLineChecks.check(state)).extracting(RedLineVerdict::redLineId)
                .containsExactlyElementsOf(state.redLines().keySet());
    }

    /** What lets a projection keep only the open proposals: the events that follow never need the closed ones. */
    @Property(tries = 300)
    void closedProposalsCanBeDroppedAtAnyPoint(@ForAll long seed) {
        List<NegotiationEvent> events = play(seed, 80);
        Random prune = new Random(~seed);
        DealState full = DealState.EMPTY;
        DealState kept = DealState.EMPTY;
        for (NegotiationEvent e : events) {
            full = full.apply(e);
            kept = kept.apply(e);
            if (prune.nextInt(3) == 0) {
                kept = kept.withoutClosedProposals();
            }
            assertThat(kept.withoutClosedProposals()).isEqualTo(full.withoutClosedProposals());
            assertThat(RedLineChecks.check(kept)).isEqualTo(RedLineChecks.check(full));
        }
        assertThat(kept.withoutClosedProposals().proposals().values()).allMatch(Proposal::isPending);
    }

    @net.jqwik.api.Example
    void theRandomSessionsProduceEveryKindOfEvent() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 300; seed++) {
            play(seed, 80).forEach(e -> seen.add(e.getClass().getSimpleName()));
        }
        // Otherwise the properties above would only ever fold trivial sessions.
        assertThat(seen).isEqualTo(io.parley.model.json.EventJson.typeNames());
    }

    private static void assertConsistent(DealState state) {
        for (Map.Entry<String, TermState> entry : state.termStates().entrySet()) {
            TermState term = entry.getValue();
            for (String pending : term.pending()) {
                Proposal p = state.proposals().get(pending);
                assertThat(p.isPending()).as("pending list holds only pending proposals").isTrue();
                assertThat(p.term()).isEqualTo(entry.getKey());
            }
            if (term.status() == TermStatus.AGREED) {
                Proposal agreed = state.proposals().get(term.agreedProposal());
                assertThat(agreed.status()).isEqualTo(ProposalStatus.AGREED);
                assertThat(agreed.value()).isEqualTo(term.value());
                assertThat(term.pending()).isEmpty();
            } else {
                assertThat(term.status()).isEqualTo(term.pending().isEmpty() ? TermStatus.OPEN : TermStatus.PROPOSED);
            }
        }
        state.proposals().values().stream().filter(Proposal::isPending).forEach(p ->
                assertThat(state.termStates().get(p.term()).pending()).contains(p.id()));
    }

    /** Plays up to {@code steps} random commands by the rules; refused commands leave no events. */
    static List<NegotiationEvent> play(long seed, int steps) {
        Random random = new Random(seed);
        Sessions s = new Sessions();
        s.run(new OpenNegotiation(s.id, "random table", null, PARTIES, TERMS, FACILITATOR, null));
        for (int i = 0; i < steps; i++) {
            try {
                s.run(randomCommand(random, s));
            } catch (InvalidInput | RuleViolation | StaleVersion | NotPermitted | UnknownRedLine refused) {
                // A refused command changes nothing; that is part of what is being tested.
            }
        }
        return new ArrayList<>(s.events);
    }

    private static NegotiationCommand randomCommand(Random random, Sessions s) {
        String party = PARTIES.get(random.nextInt(PARTIES.size())).id();
        List<String> proposals = new ArrayList<>(s.state.proposals().keySet());
        String target = proposals.isEmpty() ? "none" : proposals.get(random.nextInt(proposals.size()));
        String moveId = "m" + s.events.size() + "-" + random.nextInt(1000);
        Long expected = random.nextInt(10) == 0 ? (long) random.nextInt(5) : null;
        int redLineRoll = random.nextInt(100);
        if (redLineRoll < 5) {
            String actor = random.nextInt(4) == 0 ? Party.FACILITATOR : PARTIES.get(random.nextInt(PARTIES.size())).id();
            return new DeclareRedLine(s.id, "r" + s.events.size(), party, "limit " + redLineRoll,
                    RED_LINES.get(random.nextInt(RED_LINES.size())), as(actor), expected);
        } else if (redLineRoll < 8) {
            List<String> lines = new ArrayList<>(s.state.redLines().keySet());
            String line = lines.isEmpty() || random.nextInt(8) == 0 ? "no-such-line" : lines.get(random.nextInt(lines.size()));
            String actor = random.nextInt(4) == 0 ? Party.FACILITATOR : party;
            return new RetractRedLine(s.id, line, as(actor), expected);
        }
        int roll = random.nextInt(100);
        if (roll < 35) {
            TermDefinition term = TERMS.get(random.nextInt(TERMS.size()));
            return new ProposeMove(s.id, moveId, party, term.id(), randomValue(random, term), null, team(party), expected);
        } else if (roll < 70) {
            return new AcceptMove(s.id, moveId, party, target, null, team(party), expected);
        } else if (roll < 78) {
            return new RejectMove(s.id, moveId, party, target, null, team(party), expected);
        } else if (roll < 86) {
            String term = s.state.proposals().containsKey(target) ? s.state.proposals().get(target).term() : "colour";
            TermDefinition definition = TERMS.stream().filter(t -> t.id().equals(term)).findFirst().orElseThrow();
            return new CounterMove(s.id, moveId, party, target, randomValue(random, definition), null, team(party), expected);
        } else if (roll < 92) {
            return new WithdrawMove(s.id, moveId, party, target, null, team(party), expected);
        } else if (roll < 99) {
            return new SignDeal(s.id, party, team(party), expected);
        }
        return new CollapseNegotiation(s.id, "walked out", FACILITATOR, expected);
    }

    private static JsonNode randomValue(Random random, TermDefinition term) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (random.nextInt(10) == 0) {
            return json.textNode("NOT_A_VALUE");
        }
        return switch (term.type()) {
            case ENUM -> json.textNode(term.values().get(random.nextInt(term.values().size())));
            case INTEGER -> random.nextInt(4) == 0 ? json.textNode("UNLIMITED") : json.numberNode(random.nextInt(12));
            case ENUM_SET -> {
                var array = json.arrayNode();
                term.values().stream().filter(v -> random.nextBoolean()).forEach(array::add);
                yield array;
            }
            default -> throw new IllegalArgumentException(term.type().name());
        };
    }
}
