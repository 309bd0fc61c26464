package io.parley.command.negotiation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.command.eventstore.EventStoreConfiguration;
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
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One negotiation, rebuilt from its events. It holds no rules of its own: {@link DealState#decide} says what a
 * command leads to (or refuses it), who may give it included, and {@link DealState#apply} folds each event, the same
 * fold the query side uses. What Axon adds is the loading, the locking and the appending.
 * <p>
 * Loaded negotiations stay in memory between commands ({@link io.parley.command.eventstore.AggregateCache}), so a
 * move on a long negotiation does not replay it; one that is not in memory (after a restart, or evicted) is loaded
 * from its latest snapshot and the events after it, not from its first event.
 */
@Aggregate(commandTargetResolver = NegotiationTargetResolver.BEAN_NAME, cache = EventStoreConfiguration.NEGOTIATION_CACHE,
        lockFactory = EventStoreConfiguration.NEGOTIATION_LOCKS,
        snapshotTriggerDefinition = EventStoreConfiguration.NEGOTIATION_SNAPSHOTS)
// The form of a snapshot: raise it when DealState's JSON changes in a way an older snapshot would not read back as
// the same state. Snapshots of another revision are passed over, and the negotiation is replayed from its events.
@Revision("1")
public class Negotiation {

    /** The whole state, every proposal included ({@link DealState#decide} needs the closed ones): the snapshot. */
    @JsonProperty("state")
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
    public long handle(OpenNegotiation command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public long handle(ProposeMove command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public long handle(CounterMove command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public long handle(AcceptMove command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public long handle(RejectMove command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public long handle(WithdrawMove command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public long handle(SignDeal command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public long handle(CollapseNegotiation command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public long handle(DeclareRedLine command) {
        return decideAndApply(command);
    }

    @CommandHandler
    public long handle(RetractRedLine command) {
        return decideAndApply(command);
    }

    @EventSourcingHandler
    public void on(NegotiationEvent event) {
        state = state.apply(event);
    }

    /**
     * Applying an event runs {@link #on} at once, so the state's version afterwards counts the new events.
     *
     * @return the negotiation's version after the command
     */
    private long decideAndApply(NegotiationCommand command) {
        state.decide(command).forEach(AggregateLifecycle::apply);
        return state.version();
    }
}
