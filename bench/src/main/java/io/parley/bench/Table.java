package io.parley.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A two-party negotiation for load, and the moves the load makes on it: party A proposes a value for a term, B
 * rejects it (which closes it: B's consent is needed), then B proposes and A rejects, through the values; each of the
 * four terms is a lane of its own that a client may drive alongside the others. Every move is allowed whatever came before (no 409 from the rules), each appends exactly one event, and
 * nothing stays pending, so the deal stays small however long the negotiation grows.
 */
public final class Table {

    public static final List<String> PARTIES = List.of("A", "B");
    private static final int TERMS = 4;
    private static final List<String> VALUES = List.of("LOW", "MEDIUM", "HIGH");

    private final BenchStack stack;
    private final Http http;
    private final String id;
    private final Map<String, String> tokens;
    private final AtomicLong version;
    private final Lane first;

    private Table(BenchStack stack, Http http, String id, long version) {
        this.stack = stack;
        this.http = http;
        this.id = id;
        this.version = new AtomicLong(version);
        this.tokens = Map.of("A", stack.token("A"), "B", stack.token("B"));
        this.first = lane(0, http);
    }

    /** Opens a new negotiation (one event) through command-service. */
    public static Table open(BenchStack stack, Http http, String title) {
        List<Map<String, Object>> terms = new ArrayList<>();
        for (int i = 0; i < TERMS; i++) {
            terms.add(Map.of("id", "term_" + i, "type", "ENUM", "values", VALUES));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("parties", List.of(Map.of("id", "A", "name", "Party A"), Map.of("id", "B", "name", "Party B")));
        body.put("terms", terms);
        var created = http.post(stack.commandUrl() + "/api/negotiations", stack.token("facilitator"), body)
                .expect(201, "open a negotiation").json();
        return new Table(stack, http, created.get("id").asText(), created.get("version").asLong());
    }

    public String id() {
        return id;
    }

    /** The highest version a move of this table was answered with. */
    public long version() {
        return version.get();
    }

    /** Makes the next move of the first lane and returns the version it answered. */
    public long move() {
        return first.move();
    }

    /**
     * Lane {@code k} (0 to 3) moves on its own term only, so up to four lanes may move on this negotiation at the same
     * time (each with its own client) and every move stays allowed.
     */
    public Lane lane(int k, Http client) {
        if (k < 0 || k >= TERMS) {
            throw new IllegalArgumentException("lanes are 0 to " + (TERMS - 1));
        }
        return new Lane(k, client);
    }

    /** A sequence of moves on one term: A proposes, B rejects, B proposes, A rejects, ... */
    public final class Lane {

        private final int term;
        private final Http client;
        private long step;
        private String pendingProposal;

        private Lane(int term, Http client) {
            this.term = term;
            this.client = client;
        }

        /** Makes the next move and returns the version it answered; anything but a 201 is an error. */
        public long move() {
            long cycle = step / 2;
            String proposer = PARTIES.get((int) (cycle % 2));
            String other = PARTIES.get((int) ((cycle + 1) % 2));
            Map<String, Object> body = new LinkedHashMap<>();
            if (step % 2 == 0) {
                body.put("party", proposer);
                body.put("kind", "PROPOSE");
                body.put("term", "term_" + term);
                body.put("value", VALUES.get((int) (cycle % VALUES.size())));
            } else {
                body.put("party", other);
                body.put("kind", "REJECT");
                body.put("moveId", pendingProposal);
            }
            body.put("rationale", "move " + step + " on term_" + term);
            var answer = client.post(stack.commandUrl() + "/api/negotiations/" + id + "/moves",
                    tokens.get((String) body.get("party")), body).expect(201, "move " + step + " on " + id).json();
            if (step % 2 == 0) {
                pendingProposal = answer.get("moveId").asText();
            }
            step++;
            long answered = answer.get("version").asLong();
            version.accumulateAndGet(answered, Math::max);
            return answered;
        }
    }
}
