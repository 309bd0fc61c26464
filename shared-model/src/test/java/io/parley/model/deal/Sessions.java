package io.parley.model.deal;

import static io.parley.testing.Callers.FACILITATOR;
import static io.parley.testing.Callers.as;
import static io.parley.testing.Callers.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.scenario.Scenario;
import io.parley.model.scenario.Scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A small driver for tests: keeps the state and the events of one session as commands are decided. */
final class Sessions {

    final List<NegotiationEvent> events = new ArrayList<>();
    DealState state = DealState.EMPTY;
    final String id = UUID.randomUUID().toString();

    static Sessions ukraine() {
        Scenario s = Scenarios.find("ukraine-2025").orElseThrow();
        Sessions session = new Sessions();
        session.run(new OpenNegotiation(session.id, s.title(), s.id(), s.parties(), s.terms(), FACILITATOR, null));
        return session;
    }

    List<NegotiationEvent> run(NegotiationCommand command) {
        List<NegotiationEvent> produced = state.decide(command);
        for (NegotiationEvent e : produced) {
            state = state.apply(e);
            events.add(e);
        }
        return produced;
    }

    String propose(String party, String term, JsonNode value) {
        String moveId = UUID.randomUUID().toString();
        run(new ProposeMove(id, moveId, party, term, value, null, team(party), null));
        return moveId;
    }

    void accept(String party, String proposalId) {
        run(new AcceptMove(id, UUID.randomUUID().toString(), party, proposalId, null, team(party), null));
    }

    static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }
}
