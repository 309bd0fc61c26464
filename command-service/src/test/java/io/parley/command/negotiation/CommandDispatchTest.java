package io.parley.command.negotiation;

import com.fasterxml.jackson.databind.node.IntNode;
import io.parley.command.http.WriteRequest;
import io.parley.command.support.ApiTest;
import io.parley.model.access.Caller;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RuleViolation;
import io.parley.model.negotiation.StaleVersion;
import io.parley.model.term.InvalidInput;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command bus as the controller uses it: the rules' refusals travel through Axon unchanged, so the HTTP layer can
 * tell them apart, and Axon appends inside the caller's Spring transaction.
 */
class CommandDispatchTest extends ApiTest {

    @Autowired
    private NegotiationCommands commands;

    @Autowired
    private PlatformTransactionManager transactionManager;

    private static final Caller UKRAINE = Caller.party("team-ua", "UA");
    private static final Caller RUSSIA = Caller.party("team-ru", "RU");
    private static final WriteRequest AS_UKRAINE = new WriteRequest(UKRAINE, null, null, "dispatch-test", "hash");

    @Test
    void theRulesExceptionsReachTheCallerAsTheirOwnTypes() {
        String id = openTwoPartyTable();
        ResponseEntity<?> proposed = commands.send(
                new ProposeMove(id, "m1", "UA", "army_cap", IntNode.valueOf(5), null, UKRAINE, null), AS_UKRAINE);
        assertThat(proposed.getStatusCode().value()).isEqualTo(201);
        assertThat(proposed.getBody()).isEqualTo(new Responses.MoveMade("m1", 2));
        assertThat(proposed.getHeaders().getETag()).isEqualTo("\"2\"");

        assertThatThrownBy(() -> commands.send(new AcceptMove(id, "m2", "UA", "m1", null, UKRAINE, null), AS_UKRAINE))
                .isExactlyInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> commands.send(new AcceptMove(id, "m2", "UA", "nope", null, UKRAINE, null), AS_UKRAINE))
                .isExactlyInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> commands.send(new AcceptMove(id, "m2", "RU", "m1", null, RUSSIA, 1L), AS_UKRAINE))
                .isExactlyInstanceOf(StaleVersion.class);
        assertThatThrownBy(() -> commands.send(new AcceptMove("missing-" + id, "m2", "RU", "m1", null, RUSSIA, null), AS_UKRAINE))
                .isInstanceOf(AggregateNotFoundException.class);
        assertThat(store.count(id)).isEqualTo(2);
    }

    @Test
    void aCommandsEventsCommitOrRollBackWithTheSurroundingTransaction() {
        String id = openTwoPartyTable();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        transaction.executeWithoutResult(status -> {
            commands.send(new ProposeMove(id, "m1", "UA", "army_cap", IntNode.valueOf(5), null, UKRAINE, null), AS_UKRAINE);
            assertThat(store.count(id)).as("seen inside the transaction").isEqualTo(2);
            status.setRollbackOnly();
        });

        assertThat(store.count(id)).isEqualTo(1);
    }
}
