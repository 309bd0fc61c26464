package io.parley.model.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

    @Test
    void aTokensRoleClaimNamesTheFacilitatorAPartyOrAnObserver() {
        assertThat(Caller.fromClaims("anna", List.of("facilitator"), null).isFacilitator()).isTrue();
        Caller ua = Caller.fromClaims("team-ua", List.of("party:UA"), null);
        assertThat(ua.role()).isEqualTo(Role.PARTY);
        assertThat(ua.plays("UA")).isTrue();
        assertThat(ua.plays("RU")).isFalse();
        assertThat(ua.actor()).isEqualTo("UA");
        assertThat(ua.roleName()).isEqualTo("party:UA");
        assertThat(Caller.fromClaims("press", List.of("observer"), null).role()).isEqualTo(Role.OBSERVER);
    }

    @Test
    void aTokenWithoutARecognisedRoleIsAnObserver() {
        assertThat(Caller.fromClaims("x", null, null).role()).isEqualTo(Role.OBSERVER);
        assertThat(Caller.fromClaims("x", List.of("admin", "party:"), null).role()).isEqualTo(Role.OBSERVER);
        assertThat(Caller.fromClaims("x", "offline_access party:RU", null).plays("RU")).isTrue();
    }

    @Test
    void aTokenLimitedToNegotiationsIsRefusedOnEveryOther() {
        Caller limited = Caller.fromClaims("team-ua", List.of("party:UA"), List.of("n-1", "n-2"));
        assertThat(limited.mayAccess("n-1")).isTrue();
        assertThat(limited.mayAccess("n-3")).isFalse();
        assertThat(Caller.fromClaims("team-ua", List.of("party:UA"), null).mayAccess("n-3")).isTrue();
        // An empty list limits the token to nothing, not to everything.
        assertThat(Caller.fromClaims("team-ua", List.of("party:UA"), List.of()).mayAccess("n-1")).isFalse();
    }

    @Test
    void inDevelopmentModeTheActorHeaderIsTakenAtItsWord() {
        assertThat(Caller.fromActorHeader("facilitator").isFacilitator()).isTrue();
        assertThat(Caller.fromActorHeader("UA").plays("UA")).isTrue();
        assertThat(Caller.fromActorHeader(null).role()).isEqualTo(Role.OBSERVER);
        assertThat(Caller.fromActorHeader("observer").role()).isEqualTo(Role.OBSERVER);
    }
}
