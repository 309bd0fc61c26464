package io.parley.model.deal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.model.json.EventJson;
import io.parley.model.negotiation.NegotiationEvent;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fold shares the maps an event leaves alone between the old state and the new one instead of copying them:
 * that must stay invisible. Every earlier state is unchanged by later events (equal to itself folded afresh), the
 * maps cannot be changed through the state or through the map the state was built from, and a state read back from
 * its JSON is equal to it.
 */
class FoldSharingPropertiesTest {

    private static final ObjectMapper JSON = EventJson.mapper();

    @Property(tries = 200)
    void earlierStatesStayAsTheyWere(@ForAll long seed) {
        List<NegotiationEvent> events = FoldPropertiesTest.play(seed, 80);
        List<DealState> states = new ArrayList<>();
        DealState state = DealState.EMPTY;
        for (NegotiationEvent e : events) {
            state = state.apply(e);
            states.add(state);
        }
        for (int i = 0; i < states.size(); i++) {
            DealState afresh = DealState.of(events.subList(0, i + 1));
            assertThat(states.get(i)).isEqualTo(afresh);
            assertThat(List.copyOf(states.get(i).proposals().keySet()))
                    .as("proposals in the order they were made")
                    .isEqualTo(List.copyOf(afresh.proposals().keySet()));
        }
    }

    @Property(tries = 100)
    void aStateReadBackFromItsJsonIsEqualToIt(@ForAll long seed) throws Exception {
        DealState state = DealState.of(FoldPropertiesTest.play(seed, 60));
        DealState read = JSON.readValue(JSON.writeValueAsString(state), DealState.class);
        assertThat(read).isEqualTo(state);
        assertThat(read.hashCode()).isEqualTo(state.hashCode());
        assertThat(JSON.writeValueAsString(read)).isEqualTo(JSON.writeValueAsString(state));
    }

    @Example
    void theMapsOfAStateCannotBeChanged() {
        DealState state = Sessions.ukraine().state;
        Map<String, Proposal> proposals = state.proposals();
        assertThatThrownBy(() -> proposals.put("x", null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.termStates().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.terms().entrySet().iterator().next().setValue(null))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.termStates().keySet().remove("army_cap"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.redLines().values().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Example
    void aStateDoesNotFollowChangesToTheMapItWasBuiltFrom() {
        DealState opened = Sessions.ukraine().state;
        Map<String, TermState> mutable = new LinkedHashMap<>(opened.termStates());
        DealState built = new DealState(opened.negotiationId(), opened.title(), opened.scenario(), opened.status(),
                opened.version(), opened.parties(), opened.terms(), mutable, opened.proposals(), opened.signatures(),
                opened.collapseReason(), opened.redLines());
        mutable.clear();
        assertThat(built.termStates()).hasSameSizeAs(opened.termStates()).isEqualTo(opened.termStates());
    }

    @Example
    void aMoveLeavesTheMapsItDoesNotTouchShared() {
        Sessions s = Sessions.ukraine();
        DealState before = s.state;
        s.propose("UA", "nato_membership", Sessions.text("PAUSED"));
        DealState after = s.state;
        assertThat(after.terms()).isSameAs(before.terms());
        assertThat(after.redLines()).isSameAs(before.redLines());
        assertThat(before.proposals()).isEmpty();
        assertThat(after.proposals()).hasSize(1);
    }
}
