package io.parley.bench;

import io.parley.model.access.Caller;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.WithdrawMove;
import io.parley.model.scenario.Scenario;
import io.parley.model.scenario.Scenarios;

/**
 * An endless, always valid sequence of moves on one ukraine-2025 negotiation, one event each: a party proposes a
 * number for a term, the next counters it, the third accepts the counter (no agreement: every party must consent),
 * and then the first rejects it or its proposer withdraws it. Parties and terms rotate. The proposals pile up as in
 * a long session; the pending ones do not.
 */
final class MoveCycle {

    static final Scenario SCENARIO = Scenarios.find("ukraine-2025").orElseThrow();
    private static final String[] PARTIES = {"UA", "RU", "US", "EU"};
    private static final String[] TERMS = {"strike_limits_km", "troop_limits_km", "army_cap"};

    /** One move: what a party sends. */
    record Move(String party, String kind, String term, String proposalId, Integer value, String rationale) {

        NegotiationCommand command(String negotiationId, String moveId) {
            IntNode v = value == null ? null : IntNode.valueOf(value);
            Caller caller = Caller.party(party, party);
            return switch (kind) {
                case "PROPOSE" -> new ProposeMove(negotiationId, moveId, party, term, v, rationale, caller, null);
                case "COUNTER" -> new CounterMove(negotiationId, moveId, party, proposalId, v, rationale, caller, null);
                case "ACCEPT" -> new AcceptMove(negotiationId, moveId, party, proposalId, rationale, caller, null);
                case "REJECT" -> new RejectMove(negotiationId, moveId, party, proposalId, rationale, caller, null);
                case "WITHDRAW" -> new WithdrawMove(negotiationId, moveId, party, proposalId, rationale, caller, null);
                default -> throw new IllegalStateException(kind);
            };
        }

        /** The body of {@code POST /api/negotiations/{id}/moves}. */
        String json() {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("party", party);
            body.put("kind", kind);
            if (term != null) {
                body.put("term", term);
            }
            if (proposalId != null) {
                body.put("moveId", proposalId);
            }
            if (value != null) {
                body.put("value", value);
            }
            if (rationale != null) {
                body.put("rationale", rationale);
            }
            return body.toString();
        }
    }

    private long step;
    private String open;

    static OpenNegotiation opening(String negotiationId) {
        return new OpenNegotiation(negotiationId, SCENARIO.title(), SCENARIO.id(), SCENARIO.parties(),
                SCENARIO.terms(), Caller.facilitator(Caller.FACILITATOR), null);
    }

    /** The body of {@code POST /api/negotiations} for the same table. */
    static String openingJson(String title) {
        return JsonNodeFactory.instance.objectNode().put("scenario", SCENARIO.id()).put("title", title).toString();
    }

    /** The next move; call {@link #answered} with the new move's id before asking for another. */
    Move next() {
        long cycle = step / 4;
        int phase = (int) (step % 4);
        String p = PARTIES[(int) (cycle % 4)];
        String q = PARTIES[(int) ((cycle + 1) % 4)];
        String r = PARTIES[(int) ((cycle + 2) % 4)];
        String term = TERMS[(int) (cycle % TERMS.length)];
        int value = (int) ((cycle * 37 + phase) % 5000);
        String why = "round " + cycle + ": " + (phase == 0 ? "an opening figure" : "closer to what we can sign");
        return switch (phase) {
            case 0 -> new Move(p, "PROPOSE", term, null, value, why);
            case 1 -> new Move(q, "COUNTER", null, open, value + 1, why);
            case 2 -> new Move(r, "ACCEPT", null, open, null, null);
            default -> cycle % 2 == 0 ? new Move(p, "REJECT", null, open, null, "not this figure")
                    : new Move(q, "WITHDRAW", null, open, null, null);
        };
    }

    void answered(Move move, String newMoveId) {
        if (move.kind().equals("PROPOSE") || move.kind().equals("COUNTER")) {
            open = newMoveId;
        }
        step++;
    }
}
