package io.parley.command.negotiation;

import io.parley.model.negotiation.NegotiationCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Tells Axon which negotiation a command is for. The shared model's commands carry no framework annotations, so the
 * id is read through {@link NegotiationCommand#negotiationId()}. The expected version is left to the rules
 * ({@code DealState.decide}), which answer a stale one with {@code StaleVersion}.
 */
@Component(NegotiationTargetResolver.BEAN_NAME)
public class NegotiationTargetResolver implements CommandTargetResolver {

    public static final String BEAN_NAME = "negotiationTargetResolver";

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof NegotiationCommand negotiationCommand) {
            return new VersionedAggregateIdentifier((Object) negotiationCommand.negotiationId(), null);
        }
        throw new IllegalArgumentException("not a negotiation command: " + command.getPayloadType().getName());
    }
}
