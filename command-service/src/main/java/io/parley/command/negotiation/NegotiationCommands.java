package io.parley.command.negotiation;

import io.parley.command.eventstore.EventMetadata;
import io.parley.command.http.WriteRequest;
import io.parley.model.negotiation.NegotiationCommand;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/** Sends commands to the {@link Negotiation} aggregate with the request's metadata, which its events will carry. */
@Component
public class NegotiationCommands {

    private final CommandGateway gateway;

    public NegotiationCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Runs the command in the caller's thread and transaction.
     *
     * @throws RuntimeException exactly what the rules threw ({@code InvalidInput}, {@code RuleViolation},
     *                          {@code StaleVersion}), or Axon's {@code AggregateNotFoundException} and
     *                          {@code ConcurrencyException}
     */
    public CommandOutcome send(NegotiationCommand command, WriteRequest write) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(EventMetadata.ACTOR, write.actor());
        if (write.caller().subject() != null) {
            metadata.put(EventMetadata.ACTOR_SUBJECT, write.caller().subject());
        }
        metadata.put(EventMetadata.ACTOR_ROLE, write.caller().roleName());
        metadata.put(EventMetadata.CORRELATION_ID, write.correlationId());
        if (write.idempotencyKey() != null) {
            metadata.put(EventMetadata.IDEMPOTENCY_KEY, write.idempotencyKey());
        }
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
        } catch (CommandExecutionException e) {
            // Only checked exceptions get wrapped; the rules throw unchecked ones, but never hide one that is.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
