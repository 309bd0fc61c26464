package io.parley.query.intake;

import io.parley.model.deal.DealState;
import io.parley.query.support.QueryService;
import io.parley.query.support.QueryServiceExtension;
import io.parley.query.support.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a batch has committed, the intake announces the deals it changed, each at the version now served, so that
 * what follows the projections live (a stream to clients, the live benchmark) need not poll.
 */
@ExtendWith(QueryServiceExtension.class)
class DealsProjectedTest {

    @Test
    void each_committed_batch_names_the_deals_it_changed_at_the_version_now_served(QueryService service) {
        List<DealState> announced = new CopyOnWriteArrayList<>();
        service.app().addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) event -> {
            if (event.getPayload() instanceof DealsProjected projected) {
                // By now the projection is committed: the deal row holds this version.
                projected.deals().forEach(deal -> assertThat(service.jdbc().queryForObject(
                        "SELECT version FROM deal_projection WHERE negotiation_id = ?", Long.class,
                        deal.negotiationId())).isEqualTo(deal.version()));
                announced.addAll(projected.deals());
            }
        });
        Session session = Session.openUkraine("Announced");
        String proposal = session.propose("UA", "nato_membership", "\"PAUSED\"", null);
        session.accept("RU", proposal);
        service.publish(session.events());

        await().atMost(Duration.ofSeconds(20)).until(() -> announced.stream()
                .anyMatch(d -> d.negotiationId().equals(session.id()) && d.version() == session.version()));
        assertThat(announced).filteredOn(d -> d.negotiationId().equals(session.id()))
                .extracting(DealState::version).isSorted().allMatch(v -> v <= session.version());
    }
}
