package io.parley.command.negotiation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.command.eventstore.EventMetadata;
import io.parley.command.eventstore.EventStoreConfiguration;
import io.parley.model.access.Caller;
import io.parley.model.deal.DealState;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.CollapseNegotiation;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.DeclareRedLine;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.NotPermitted;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.RetractRedLine;
import io.parley.model.negotiation.SignDeal;
import io.parley.model.negotiation.WithdrawMove;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One negotiation, rebuilt from its events. It holds no rules of its own: {@link DealState#decide} says what a
 * command leads to (or refuses it) and {@link DealState#apply} folds each event, the same fold the query side uses.
 * It only checks that a party's caller sits at this table, which the controller cannot know without loading it.
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
    public CommandOutcome handle(OpenNegotiation command) {
        return decideAndApply(command, null);
    }

    @CommandHandler
    public CommandOutcome handle(ProposeMove command, MetaData caller) {
        requireSeat(caller);
        return decideAndApply(command, command.moveId());
    }

    @CommandHandler
    public CommandOutcome handle(CounterMove command, MetaData caller) {
        requireSeat(caller);
        return decideAndApply(command, command.moveId());
    }

    @CommandHandler
    public CommandOutcome handle(AcceptMove command, MetaData caller) {
        requireSeat(caller);
        return decideAndApply(command, command.moveId());
    }

    @CommandHandler
    public CommandOutcome handle(RejectMove command, MetaData caller) {
        requireSeat(caller);
        return decideAndApply(command, command.moveId());
    }

    @CommandHandler
    public CommandOutcome handle(WithdrawMove command, MetaData caller) {
        requireSeat(caller);
        return decideAndApply(command, command.moveId());
    }

    @CommandHandler
    public CommandOutcome handle(SignDeal command, MetaData caller) {
        requireSeat(caller);
        return decideAndApply(command, null);
    }

    @CommandHandler
    public CommandOutcome handle(CollapseNegotiation command, MetaData caller) {
        requireSeat(caller);
        return decideAndApply(command, null);
    }

    @CommandHandler
    public CommandOutcome handle(DeclareRedLine command, MetaData caller) {
        requireSeat(caller);
        return decideAndApply(command, null);
    }

    @CommandHandler
    public CommandOutcome handle(RetractRedLine command, MetaData caller) {
        requireSeat(caller);
        return decideAndApply(command, null);
    }

    @EventSourcingHandler
    public void on(NegotiationEvent event) {
        state = state.apply(event);
    }

    /**
     * A party's caller changes only negotiations where that party sits; in any other it is an onlooker, and
     * onlookers write nothing (403). Commands without a caller in their metadata (the rules tested alone) pass.
     */
    private void requireSeat(MetaData caller) {
        if (caller.get(EventMetadata.ACTOR_ROLE) instanceof String role && role.startsWith(Caller.PARTY_PREFIX)) {
            String party = role.substring(Caller.PARTY_PREFIX.length());
            if (!state.hasParty(party)) {
                throw new NotPermitted(party + " is not a party to this negotiation and cannot change it; parties are "
                        + state.partyIds());
            }
        }
    }

    /** Applying an event runs {@link #on} at once, so the state's version afterwards counts the new events. */
    private CommandOutcome decideAndApply(NegotiationCommand command, String moveId) {
        state.decide(command).forEach(AggregateLifecycle::apply);
        return new CommandOutcome(moveId, state.version());
    }
}
