package io.parley.command.negotiation;

import io.parley.model.deal.DealState;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.CollapseNegotiation;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.DeclareRedLine;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.RetractRedLine;
import io.parley.model.negotiation.SignDeal;
import io.parley.model.negotiation.WithdrawMove;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One negotiation, rebuilt from its events. It holds no rules of its own: {@link DealState#decide} says what a
 * command leads to (or refuses it) and {@link DealState#apply} folds each event, the same fold the query side uses.
 */
@Aggregate(commandTargetResolver = NegotiationTargetResolver.BEAN_NAME)
public class Negotiation {

    private DealState state = DealState.EMPTY;

    public Negotiation() {
        // Axon creates the aggregate empty and replays its events onto it.
    }

    @AggregateIdentifier
    public String id() {
        return state.negotiationId();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public CommandOutcome handle(OpenNegotiation command) {
        return decideAndApply(command, null);
    }

    @CommandHandler
    public CommandOutcome handle(ProposeMove command) {
        return decideAndApply(command, command.moveId());
    }

    @CommandHandler
    public CommandOutcome handle(CounterMove command) {
        return decideAndApply(command, command.moveId());
    }

    @CommandHandler
    public CommandOutcome handle(AcceptMove command) {
        return decideAndApply(command, command.moveId());
    }

    @CommandHandler
    public CommandOutcome handle(RejectMove command) {
        return decideAndApply(command, command.moveId());
    }

    @CommandHandler
    public CommandOutcome handle(WithdrawMove command) {
        return decideAndApply(command, command.moveId());
    }

    @CommandHandler
    public CommandOutcome handle(SignDeal command) {
        return decideAndApply(command, null);
    }

    @CommandHandler
    public CommandOutcome handle(CollapseNegotiation command) {
        return decideAndApply(command, null);
    }

    @CommandHandler
    public CommandOutcome handle(DeclareRedLine command) {
        return decideAndApply(command, null);
    }

    @CommandHandler
    public CommandOutcome handle(RetractRedLine command) {
        return decideAndApply(command, null);
    }

    @EventSourcingHandler
    public void on(NegotiationEvent event) {
        state = state.apply(event);
    }

    /** Applying an event runs {@link #on} at once, so the state's version afterwards counts the new events. */
    private CommandOutcome decideAndApply(NegotiationCommand command, String moveId) {
        state.decide(command).forEach(AggregateLifecycle::apply);
        return new CommandOutcome(moveId, state.version());
    }
}
