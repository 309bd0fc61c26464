package io.parley.model.redline;

import static io.parley.testing.Callers.FACILITATOR;
import static io.parley.testing.Callers.as;
import static io.parley.testing.Callers.team;

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

    /** The reference red lines ({@link ReferenceRedLines}). */
    static final List<Line> REFERENCE = ReferenceRedLines.UKRAINE_2025.stream()
            .map(l -> new Line(l.id(), l.party(), l.title(), l.expression()))
            .toList();

    record Line(String id, String party, String title, String expression) {
    }

    static final List<String> PARTIES = List.of("UA", "RU", "US", "EU");

    final String id = UUID.randomUUID().toString();
    final List<NegotiationEvent> events = new ArrayList<>();
    DealState state = DealState.EMPTY;

    static Table ukraine() {
        Scenario s = Scenarios.find("ukraine-2025").orElseThrow();
        Table table = new Table();
        table.run(new OpenNegotiation(table.id, s.title(), s.id(), s.parties(), s.terms(), FACILITATOR, null));
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
        run(new DeclareRedLine(id, line.id(), line.party(), line.title(), line.expression(), team(line.party()), null));
    }

    void declare(String redLineId, String party, String expression) {
        declare(new Line(redLineId, party, redLineId, expression));
    }

    void retract(String redLineId) {
        run(new RetractRedLine(id, redLineId, FACILITATOR, null));
    }

    /** A pending proposal; returns its id. */
    String propose(String party, String term, String json) {
        String moveId = "p-" + term + "-" + party + "-" + events.size();
        run(new ProposeMove(id, moveId, party, term, json(json), null, team(party), null));
        return moveId;
    }

    void withdraw(String party, String proposalId) {
        run(new WithdrawMove(id, UUID.randomUUID().toString(), party, proposalId, null, team(party), null));
    }

    /** Every other party accepts the proposal, which agrees the term. */
    void acceptByAll(String proposalId) {
        String proposer = state.proposals().get(proposalId).party();
        for (String p : PARTIES) {
            if (!p.equals(proposer) && state.proposals().get(proposalId).isPending()) {
                run(new AcceptMove(id, UUID.randomUUID().toString(), p, proposalId, null, team(p), null));
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
