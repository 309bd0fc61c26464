package io.parley.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One negotiation as the tests play it: short verbs for the moves, and waiting on the query side. */
final class Table {

    final Api api;
    final String id;

    private Table(Api api, String id) {
        this.api = api;
        this.id = id;
    }

    /** A negotiation opened elsewhere. */
    static Table existing(Api api, String id) {
        return new Table(api, id);
    }

    static Table openUkraine(Api api) {
        Api.Reply r = api.post("/api/negotiations").as("facilitator").json(Map.of("scenario", "ukraine-2025")).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Table(api, r.json().get("id").asText());
    }

    static Table open(Api api, Object body) {
        Api.Reply r = api.post("/api/negotiations").as("facilitator").json(body).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Table(api, r.json().get("id").asText());
    }

    /** The path of this negotiation's resource: {@code path("/deal")}. */
    String path(String suffix) {
        return "/api/negotiations/" + id + suffix;
    }

    Api.Reply move(String party, Map<String, Object> body) {
        return api.post(path("/moves")).as(party).json(body).send();
    }

    String propose(String party, String term, Object value) {
        Api.Reply r = move(party, Map.of("party", party, "kind", "PROPOSE", "term", term, "value", value));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("moveId").asText();
    }

    long answer(String party, String kind, String proposal) {
        Api.Reply r = move(party, Map.of("party", party, "kind", kind, "moveId", proposal));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("version").asLong();
    }

    long accept(String party, String proposal) {
        return answer(party, "ACCEPT", proposal);
    }

    /** The deal as an observer sees it, once the query side has reached {@code version}. */
    JsonNode dealAt(long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Api.Reply r = api.getAs("/api/negotiations/" + id + "/deal", "observer");
            return r.status() == 200 && r.json().get("version").asLong() >= version;
        });
        return api.getAs("/api/negotiations/" + id + "/deal", "observer").json();
    }

    /** The timeline as an observer sees it. */
    JsonNode timeline() {
        return timeline("observer");
    }

    JsonNode timeline(String actor) {
        Api.Reply r = api.getAs("/api/negotiations/" + id + "/timeline?limit=1000", actor);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }
}
