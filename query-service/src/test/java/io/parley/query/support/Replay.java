package io.parley.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.model.deal.DealState;
import io.parley.model.json.EventJson;
import io.parley.model.negotiation.NegotiationEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a facilitator's tool does to check the service: read the whole timeline back and fold it again. */
public final class Replay {

    private Replay() {
    }

    /** The deal folded from the timeline the service serves to the facilitator. */
    public static DealState fold(Http http, String negotiationId) {
        List<NegotiationEvent> events = new ArrayList<>();
        long from = 1;
        while (true) {
            Http.Reply page = http.get("/api/negotiations/" + negotiationId + "/timeline?limit=1000&from=" + from,
                    "X-Actor", Session.FACILITATOR);
            assertThat(page.status()).isEqualTo(200);
            JsonNode entries = page.json();
            for (JsonNode entry : entries) {
                assertThat(entry.path("version").asLong()).isEqualTo(events.size() + 1L);
                events.add(event(entry));
            }
            if (page.header("Link").isEmpty()) {
                return DealState.of(events);
            }
            from = events.size() + 1;
        }
    }

    private static NegotiationEvent event(JsonNode entry) {
        try {
            return EventJson.mapper().treeToValue(entry.path("data"),
                    EventJson.eventClass(entry.path("type").asText()));
        } catch (IOException e) {
            throw new AssertionError("timeline entry is not an event: " + entry, e);
        }
    }
}
