package io.parley.model.redline;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.DeclareRedLine;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RetractRedLine;
import io.parley.model.negotiation.WithdrawMove;
import io.parley.model.scenario.Scenario;
import io.parley.model.scenario.Scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A ukraine-2025 table driven by commands, as the command side would: decide, then fold the events. */
final class Table {

    /** The reference red lines (DOMAIN.md), with a few more each party would plausibly hold. */
    static final List<Line> REFERENCE = List.of(
            new Line("ru-no-nato", "RU", "Ukraine never in NATO", "deal.nato_membership != 'PURSUE'"),
            new Line("ru-no-us-forces", "RU", "No US forces in Ukraine", "!('US_TRIPWIRE' in deal.foreign_troops)"),
            new Line("ru-no-missiles", "RU", "No intermediate-range missiles for Ukraine",
                    "'INTERMEDIATE_RANGE_MISSILES' in deal.aid_excluded"),
            new Line("ru-demilitarised", "RU", "A demilitarised Ukraine", "deal.army_cap <= 100000"),
            new Line("ru-no-bomb", "RU", "No Ukrainian nuclear deterrent", "deal.nuclear_deterrent == 'PROHIBITED'"),
            new Line("ua-guarantee-or-army", "UA", "Some formal guarantee, or at least no disarmament",
                    "deal.security_guarantee.kind != 'NONE' || deal.army_cap == UNLIMITED"),
            new Line("ua-nato", "UA", "NATO membership", "deal.nato_membership == 'PURSUE'"),
            new Line("ua-air-defence", "UA", "Air defence keeps coming", "!('AIR_DEFENSE' in deal.aid_excluded)"),
            new Line("us-no-troops", "US", "No US troops on the ground", "!('US_TRIPWIRE' in deal.foreign_troops)"),
            new Line("us-no-bilateral", "US", "No bilateral treaty guarantee", "deal.security_guarantee.kind != 'US_BILATERAL'"),
            new Line("eu-no-veto", "EU", "No third country gets a written veto over NATO membership",
                    "deal.nato_written_limit == false"),
            new Line("eu-spending", "EU", "Ukraine spends at least 3% of GDP on defence", "deal.defense_spending_pct_gdp >= 3.0"));

    record Line(String id, String party, String title, String expression) {
    }

    static final List<String> PARTIES = List.of("UA", "RU", "US", "EU");

    final String id = UUID.randomUUID().toString();
    final List<NegotiationEvent> events = new ArrayList<>();
    DealState state = DealState.EMPTY;

    static Table ukraine() {
        Scenario s = Scenarios.find("ukraine-2025").orElseThrow();
        Table table = new Table();
        table.run(new OpenNegotiation(table.id, s.title(), s.id(), s.parties(), s.terms()));
        return table;
    }

    static Table ukraineWith(List<Line> lines) {
        Table table = ukraine();
        lines.forEach(table::declare);
        return table;
    }

    void run(NegotiationCommand command) {
        for (NegotiationEvent e : state.decide(command)) {
            state = state.apply(e);
            events.add(e);
        }
    }

    void declare(Line line) {
        run(new DeclareRedLine(id, line.id(), line.party(), line.title(), line.expression(), line.party(), null));
    }

    void declare(String redLineId, String party, String expression) {
        declare(new Line(redLineId, party, redLineId, expression));
    }

    void retract(String redLineId) {
        run(new RetractRedLine(id, redLineId, "facilitator", null));
    }

    /** A pending proposal; returns its id. */
    String propose(String party, String term, String json) {
        String moveId = "p-" + term + "-" + party + "-" + events.size();
        run(new ProposeMove(id, moveId, party, term, json(json), null, null));
        return moveId;
    }

    void withdraw(String party, String proposalId) {
        run(new WithdrawMove(id, UUID.randomUUID().toString(), party, proposalId, null, null));
    }

    /** Every other party accepts the proposal, which agrees the term. */
    void acceptByAll(String proposalId) {
        String proposer = state.proposals().get(proposalId).party();
        for (String p : PARTIES) {
            if (!p.equals(proposer) && state.proposals().get(proposalId).isPending()) {
                run(new AcceptMove(id, UUID.randomUUID().toString(), p, proposalId, null, null));
            }
        }
    }

    /** UA proposes, everyone else accepts. */
    void agree(String term, String json) {
        acceptByAll(propose("UA", term, json));
    }

    static JsonNode json(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
