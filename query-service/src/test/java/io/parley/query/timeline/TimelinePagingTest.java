package io.parley.query.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.query.support.Http.Reply;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A facilitator replays a long session page by page, following the Link header. */
@ExtendWith(QueryServiceExtension.class)
class TimelinePagingTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void the_timeline_comes_in_pages_linked_to_the_next(QueryService service) {
        Session session = Session.openUkraine("Paged replay");
        String pause = session.propose("UA", "nato_membership", "\"PAUSED\"", null);
        session.accept("RU", pause);
        session.accept("US", pause);
        session.accept("EU", pause);
        session.propose("RU", "army_cap", "100000", "demilitarisation");
        session.propose("UA", "army_cap", "\"UNLIMITED\"", null);
        service.publish(session.events());
        String first = "/api/negotiations/" + session.id() + "/timeline?limit=3";
        await().atMost(Duration.ofSeconds(20)).until(() -> service.http().get(first).json().size() == 3
                && service.http().get("/api/negotiations/" + session.id() + "/deal").json().path("version").asLong()
                == session.version());

        List<Long> versions = new ArrayList<>();
        List<String> links = new ArrayList<>();
        String page = first;
        while (page != null) {
            Reply reply = service.http().get(page);
            assertThat(reply.status()).isEqualTo(200);
            JsonNode events = reply.json();
            assertThat(events.size()).isBetween(1, 3);
            events.forEach(e -> versions.add(e.path("version").asLong()));
            page = reply.header("Link").map(TimelinePagingTest::next).orElse(null);
            if (page != null) {
                links.add(page);
            }
        }

        assertThat(session.version()).isEqualTo(8);
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(links).containsExactly(
                service.http().base() + "/api/negotiations/" + session.id() + "/timeline?from=4&limit=3",
                service.http().base() + "/api/negotiations/" + session.id() + "/timeline?from=7&limit=3");
    }

    @Test
    void a_page_can_start_anywhere_and_past_the_end_is_empty(QueryService service) {
        Session session = Session.openUkraine("Start in the middle");
        session.propose("UA", "nato_membership", "\"PAUSED\"", null);
        session.propose("RU", "nato_membership", "\"RENOUNCED\"", null);
        service.publish(session.events());
        String base = "/api/negotiations/" + session.id() + "/timeline";
        await().atMost(Duration.ofSeconds(20)).until(() -> service.http().get(base).json().size() == 3);

        JsonNode fromTwo = service.http().get(base + "?from=2&limit=1").json();
        assertThat(fromTwo).hasSize(1);
        assertThat(fromTwo.get(0).path("version").asLong()).isEqualTo(2);
        assertThat(fromTwo.get(0).path("actor").asText()).isEqualTo("UA");
        Reply pastTheEnd = service.http().get(base + "?from=4");
        assertThat(pastTheEnd.status()).isEqualTo(200);
        assertThat(pastTheEnd.json()).isEmpty();
        assertThat(pastTheEnd.header("Link")).isEmpty();
    }

    private static String next(String link) {
        Matcher m = NEXT.matcher(link);
        assertThat(m.find()).as("Link header %s names the next page", link).isTrue();
        return m.group(1);
    }
}
