package io.parley.local.faults;

import io.parley.model.access.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.parley.model.deal.DealState;
import io.parley.model.deal.Proposal;
import io.parley.model.deal.TermStatus;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.NegotiationStatus;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.Party;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.SignDeal;
import io.parley.model.negotiation.WithdrawMove;
import io.parley.model.term.TermDefinition;
import io.parley.model.term.TermValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * One table of the sustained load, played by one client at a time: it knows the negotiation as the event store
 * does, folding the rules' own {@link DealState#decide} over every answered write, so each write it sends is one the
 * rules allow (a refusal would be a fault of the system, not of the load). Proposals, counters, acceptances,
 * rejections and withdrawals until every term is agreed; then every party signs, the negotiation is concluded, and
 * the table opens a new one. Negotiations stay short, as sessions do, and the client keeps only the current one.
 */
final class LoadTable {

    static final List<String> PARTIES = List.of("A", "B", "C");
    static final List<String> VALUES = List.of("V1", "V2", "V3", "V4");
    private static final List<TermDefinition> TERMS = IntStream.range(0, 6)
            .mapToObj(i -> TermDefinition.enumTerm("t" + i, VALUES.toArray(String[]::new))).toList();
    /** Proposals pending on one term at most, so that terms get agreed and tables turn over. */
    private static final int MAX_PENDING = 3;

    /**
     * A write to send: where, as whom, and how its answer becomes the command the event store ran.
     *
     * @param move whether it is a move ({@code /moves}), whose answer names the new move
     */
    record Write(String kind, String path, String actor, Map<String, Object> body, boolean move,
                 Function<JsonNode, NegotiationCommand> command) {
    }

    private final Random random;
    private volatile String negotiation;
    private DealState deal = DealState.EMPTY;

    LoadTable(long seed) {
        this.random = new Random(seed);
    }

    /** The negotiation being played, or {@code null} before the first is open. */
    String negotiation() {
        return negotiation;
    }

    long version() {
        return deal.version();
    }

    boolean concluded() {
        return deal.status() == NegotiationStatus.CONCLUDED;
    }

    /** The next write the rules allow. */
    Write next() {
        if (negotiation == null || deal.status() != NegotiationStatus.OPEN) {
            return open();
        }
        List<String> openTerms = deal.termStates().entrySet().stream()
                .filter(t -> t.getValue().status() != TermStatus.AGREED).map(Map.Entry::getKey).toList();
        if (openTerms.isEmpty()) {
            String party = PARTIES.stream().filter(p -> !deal.signatures().contains(p)).findFirst().orElseThrow();
            return new Write("SIGN", "/api/negotiations/" + negotiation + "/signatures", party,
                    Map.of("party", party), false, answer -> new SignDeal(negotiation, party, as(party), null));
        }
        List<Proposal> pending = deal.proposals().values().stream().filter(Proposal::isPending).toList();
        int roll = random.nextInt(100);
        if (pending.isEmpty() || roll < 15) {
            List<String> room = openTerms.stream()
                    .filter(t -> deal.termStates().get(t).pending().size() < MAX_PENDING).toList();
            if (!room.isEmpty()) {
                return propose(pick(room));
            }
        }
        Proposal target = pick(pending);
        List<String> others = PARTIES.stream().filter(p -> !p.equals(target.party())).toList();
        if (roll < 65) {
            List<String> yetToAccept = others.stream().filter(p -> !target.acceptedBy().contains(p)).toList();
            return answer("ACCEPT", pick(yetToAccept), target, null);
        } else if (roll < 78) {
            String current = target.value() instanceof TermValue.Text text ? text.value() : null;
            return answer("COUNTER", pick(others), target,
                    pick(VALUES.stream().filter(v -> !v.equals(current)).toList()));
        } else if (roll < 89) {
            return answer("REJECT", pick(others), target, null);
        }
        return answer("WITHDRAW", target.party(), target, null);
    }

    /**
     * Folds what the event store did with a write that got its 2xx.
     *
     * @return the version the table is at by its own fold, to compare with the answer's
     */
    long answered(Write write, JsonNode answer) {
        NegotiationCommand command = write.command().apply(answer);
        if (command instanceof OpenNegotiation open) {
            negotiation = open.negotiationId();
            deal = DealState.EMPTY;
        }
        deal = fold(deal, deal.decide(command));
        return deal.version();
    }

    /** Gives the negotiation up (after an answer the table cannot fold): the next write opens a new one. */
    void abandon() {
        negotiation = null;
        deal = DealState.EMPTY;
    }

    private Write open() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Sustained load");
        body.put("parties", PARTIES.stream().map(p -> Map.of("id", p)).toList());
        body.put("terms", TERMS.stream().map(t -> Map.of("id", t.id(), "type", "ENUM", "values", VALUES)).toList());
        return new Write("OPEN", "/api/negotiations", "facilitator", body, false,
                answer -> new OpenNegotiation(answer.path("id").asText(), "Sustained load", null,
                        PARTIES.stream().map(p -> new Party(p, null)).toList(), TERMS,
                        Caller.facilitator(Caller.FACILITATOR), null));
    }

    private Write propose(String term) {
        String party = pick(PARTIES);
        String value = pick(VALUES);
        String rationale = random.nextInt(3) == 0 ? "Load rationale " + random.nextInt(1000) : null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("party", party);
        body.put("kind", "PROPOSE");
        body.put("term", term);
        body.put("value", value);
        if (rationale != null) {
            body.put("rationale", rationale);
        }
        return checked(new Write("PROPOSE", movesPath(), party, body, true,
                answer -> new ProposeMove(negotiation, moveId(answer), party, term, TextNode.valueOf(value),
                        rationale, as(party), null)));
    }

    private Write answer(String kind, String party, Proposal target, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("party", party);
        body.put("kind", kind);
        body.put("moveId", target.id());
        if (value != null) {
            body.put("value", value);
        }
        Function<JsonNode, NegotiationCommand> command = switch (kind) {
            case "ACCEPT" -> answer -> new AcceptMove(negotiation, moveId(answer), party, target.id(), null, as(party), null);
            case "COUNTER" -> answer -> new CounterMove(negotiation, moveId(answer), party, target.id(),
                    TextNode.valueOf(value), null, as(party), null);
            case "REJECT" -> answer -> new RejectMove(negotiation, moveId(answer), party, target.id(), null, as(party), null);
            case "WITHDRAW" -> answer -> new WithdrawMove(negotiation, moveId(answer), party, target.id(), null, as(party), null);
            default -> throw new IllegalArgumentException(kind);
        };
        return checked(new Write(kind, movesPath(), party, body, true, command));
    }

    /** The load's own mistake would make a refusal look like a fault: the rules must allow the move first. */
    private Write checked(Write write) {
        JsonNode stand = Http.JSON.createObjectNode().put("moveId", "the-move-about-to-be-made");
        deal.decide(write.command().apply(stand));
        return write;
    }

    private String movesPath() {
        return "/api/negotiations/" + negotiation + "/moves";
    }

    private static String moveId(JsonNode answer) {
        return answer.path("moveId").asText();
    }

    private static DealState fold(DealState state, List<NegotiationEvent> events) {
        for (NegotiationEvent e : events) {
            state = state.apply(e);
        }
        return state;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** The caller the load writes as for {@code party}: X-Actor names it, so the subject is the party itself. */
    private static Caller as(String party) {
        return Caller.party(party, party);
    }
}
