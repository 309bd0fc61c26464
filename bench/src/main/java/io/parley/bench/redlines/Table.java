package io.parley.bench.redlines;

import io.parley.model.access.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.Party;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.redline.ReferenceRedLines;
import io.parley.model.scenario.Scenario;
import io.parley.model.scenario.Scenarios;

import java.util.List;
import java.util.UUID;

/** A ukraine-2025 table in memory, driven by commands as the command side drives it: decide, then fold. */
final class Table {

    final String id = UUID.randomUUID().toString();
    private final List<String> parties;
    private DealState state = DealState.EMPTY;
    private int moves;

    private Table(Scenario scenario) {
        this.parties = scenario.parties().stream().map(Party::id).toList();
        run(new OpenNegotiation(id, scenario.title(), scenario.id(), scenario.parties(), scenario.terms(),
                Caller.facilitator(Caller.FACILITATOR), null));
    }

    static Table ukraine() {
        return new Table(Scenarios.find(ReferenceRedLines.SCENARIO).orElseThrow());
    }

    static Table ukraineWith(List<ReferenceRedLines.Line> lines) {
        Table table = ukraine();
        lines.forEach(l -> table.run(l.declare(table.id)));
        return table;
    }

    DealState state() {
        return state;
    }

    List<String> parties() {
        return parties;
    }

    void run(NegotiationCommand command) {
        for (NegotiationEvent e : state.decide(command)) {
            state = state.apply(e);
        }
    }

    /** A pending proposal; returns its id. */
    String propose(String party, String term, String json) {
        String moveId = "p-" + term + "-" + party + "-" + moves++;
        run(new ProposeMove(id, moveId, party, term, json(json), null, Caller.party(party, party), null));
        return moveId;
    }

    /** {@code UA} proposes, every other party accepts: the term is agreed. */
    void agree(String term, String json) {
        String proposal = propose("UA", term, json);
        for (String p : parties) {
            if (!p.equals("UA") && state.proposals().get(proposal).isPending()) {
                run(new AcceptMove(id, UUID.randomUUID().toString(), p, proposal, null, Caller.party(p, p), null));
            }
        }
    }

    /** Agrees a value for every term of the catalogue. */
    Table agreeEverything() {
        agree("nato_membership", "\"PAUSED\"");
        agree("eu_membership", "\"PURSUE\"");
        agree("security_guarantee",
                "{\"kind\": \"EUROPEAN_COALITION\", \"compensation_required\": true, \"void_conditions\": \"renewed attack\"}");
        agree("aid_excluded", "[\"INTERMEDIATE_RANGE_MISSILES\", \"LONG_RANGE_MUNITIONS\"]");
        agree("nuclear_deterrent", "\"PROHIBITED\"");
        agree("sanctions_relief", "{\"level\": \"PHASED\", \"sectors\": [\"ENERGY\", \"TRADE\"]}");
        agree("strike_limits_km", "300");
        agree("troop_limits_km", "50");
        agree("foreign_troops", "[\"EUROPEAN_REASSURANCE_FORCE\"]");
        agree("army_cap", "800000");
        agree("defense_spending_pct_gdp", "4.5");
        agree("us_role_in_europe_talks", "\"YES\"");
        agree("nato_written_limit", "false");
        agree("territory", "\"the line of contact\"");
        List<String> open = state.terms().keySet().stream().filter(t -> !state.agreedTerms().containsKey(t)).toList();
        if (!open.isEmpty()) {
            throw new IllegalStateException("terms left open: " + open);
        }
        return this;
    }

    private static JsonNode json(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
