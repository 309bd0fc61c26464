package io.parley.query.support;

import static io.parley.testing.Callers.as;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.access.Caller;
import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.json.PublishedEvent;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.CollapseNegotiation;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.DeclareRedLine;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.RetractRedLine;
import io.parley.model.scenario.Scenario;
import io.parley.model.scenario.Scenarios;
import io.parley.testing.TestTokens;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A negotiation played the way command-service plays it: each move is decided by {@link DealState#decide} and its
 * events folded, and every event is recorded as it would be published, with its version, time, actor, correlation
 * id, and the subject and role of the token the actor used ({@link TestTokens#forActor}: {@code team-ua} playing
 * {@code party:UA}, {@code facilitator} as {@code facilitator}).
 */
public final class Session {

    public static final String UKRAINE = "ukraine-2025";
    public static final String FACILITATOR = "facilitator";

    private final String id = "test-" + UUID.randomUUID();
    private final Instant start = Instant.now();
    private final List<PublishedEvent> events = new ArrayList<>();
    private DealState state = DealState.EMPTY;

    private Session() {
    }

    /** The facilitator opens the ukraine-2025 table. */
    public static Session openUkraine(String title) {
        Scenario scenario = Scenarios.find(UKRAINE).orElseThrow();
        Session session = new Session();
        session.decide(Session.FACILITATOR,
                new OpenNegotiation(session.id, title, UKRAINE, scenario.parties(), scenario.terms(), as(FACILITATOR), null));
        return session;
    }

    public String id() {
        return id;
    }

    public DealState state() {
        return state;
    }

    public long version() {
        return state.version();
    }

    public List<PublishedEvent> events() {
        return List.copyOf(events);
    }

    /** @return the id of the new proposal */
    public String propose(String party, String term, String valueJson, String rationale) {
        String moveId = newMoveId();
        decide(party, new ProposeMove(id, moveId, party, term, json(valueJson), rationale, as(party), null));
        return moveId;
    }

    public void accept(String party, String proposalId) {
        decide(party, new AcceptMove(id, newMoveId(), party, proposalId, null, as(party), null));
    }

    public void reject(String party, String proposalId, String rationale) {
        decide(party, new RejectMove(id, newMoveId(), party, proposalId, rationale, as(party), null));
    }

    /** @return the id of the counter-proposal */
    public String counter(String party, String proposalId, String valueJson, String rationale) {
        String moveId = newMoveId();
        decide(party, new CounterMove(id, moveId, party, proposalId, json(valueJson), rationale, as(party), null));
        return moveId;
    }

    /**
     * {@code actor} (the party itself or the facilitator) declares a red line for {@code party}.
     *
     * @return the red line's id
     */
    public String declareRedLine(String actor, String party, String title, String expression) {
        String redLineId = "red-line-" + UUID.randomUUID();
        decide(actor, new DeclareRedLine(id, redLineId, party, title, expression, as(actor), null));
        return redLineId;
    }

    /** A party declares a red line of its own. */
    public String declareRedLine(String party, String title, String expression) {
        return declareRedLine(party, party, title, expression);
    }

    public void retractRedLine(String actor, String redLineId) {
        decide(actor, new RetractRedLine(id, redLineId, as(actor), null));
    }

    public void collapse(String reason) {
        decide(FACILITATOR, new CollapseNegotiation(id, reason, as(FACILITATOR), null));
    }

    private void decide(String actor, NegotiationCommand command) {
        String correlationId = UUID.randomUUID().toString();
        Caller caller = Caller.fromActorHeader(actor);
        for (NegotiationEvent event : state.decide(command)) {
            state = state.apply(event);
            events.add(new PublishedEvent(UUID.randomUUID().toString(), id, state.version(),
                    start.plusMillis(state.version()), actor, correlationId, event, subjectOf(actor),
                    caller.roleName()));
        }
    }

    /** The token subject {@link TestTokens#forActor} gives this actor. */
    public static String subjectOf(String actor) {
        return FACILITATOR.equals(actor) ? FACILITATOR : "team-" + actor.toLowerCase(Locale.ROOT);
    }

    private static String newMoveId() {
        return "move-" + UUID.randomUUID();
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
