package io.parley.model.deal;

import io.parley.model.access.Caller;
import io.parley.model.access.Role;
import io.parley.model.negotiation.AcceptMove;
import io.parley.model.negotiation.CollapseNegotiation;
import io.parley.model.negotiation.CounterMove;
import io.parley.model.negotiation.DealSigned;
import io.parley.model.negotiation.MoveAccepted;
import io.parley.model.negotiation.MoveCountered;
import io.parley.model.negotiation.MoveProposed;
import io.parley.model.negotiation.MoveRejected;
import io.parley.model.negotiation.MoveWithdrawn;
import io.parley.model.negotiation.NegotiationCollapsed;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.NegotiationConcluded;
import io.parley.model.negotiation.NegotiationEvent;
import io.parley.model.negotiation.NegotiationOpened;
import io.parley.model.negotiation.NegotiationStatus;
import io.parley.model.negotiation.OpenNegotiation;
import io.parley.model.negotiation.Party;
import io.parley.model.negotiation.ProposeMove;
import io.parley.model.negotiation.RejectMove;
import io.parley.model.negotiation.RuleViolation;
import io.parley.model.negotiation.SignDeal;
import io.parley.model.negotiation.StaleVersion;
import io.parley.model.negotiation.TermAgreed;
import io.parley.model.negotiation.WithdrawMove;
import io.parley.model.negotiation.DeclareRedLine;
import io.parley.model.negotiation.NotPermitted;
import io.parley.model.negotiation.PartyCommand;
import io.parley.model.negotiation.RedLineDeclared;
import io.parley.model.negotiation.RedLineRetracted;
import io.parley.model.negotiation.RetractRedLine;
import io.parley.model.negotiation.UnknownRedLine;
import io.parley.model.redline.RedLine;
import io.parley.model.redline.RedLineLanguage;
import io.parley.model.term.FieldError;
import io.parley.model.term.InvalidInput;
import io.parley.model.term.TermDefinition;
import io.parley.model.term.TermValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The deal as it stands after {@code version} events, and the rules of the table.
 * <p>
 * {@link #apply(NegotiationEvent)} is the one pure fold: the aggregate, the projections, replay and "as of" all
 * compute deal state with it and nothing else. {@link #decide(NegotiationCommand)} says which events a command
 * leads to, or refuses it; it never changes the state.
 *
 * @param version    how many events made this state: 1 after opening, +1 per event (the aggregate sequence number + 1)
 * @param terms      the term catalogue, in declaration order
 * @param termStates where each term stands, in declaration order
 * @param proposals  every proposal ever made, in the order they were made
 * @param signatures the parties that have signed the deal as it stands
 * @param redLines   the red lines in force, in the order they were declared (private: filter before showing)
 */
public record DealState(String negotiationId, String title, String scenario, NegotiationStatus status, long version,
                        List<Party> parties, Map<String, TermDefinition> terms, Map<String, TermState> termStates,
                        Map<String, Proposal> proposals, List<String> signatures, String collapseReason,
                        Map<String, RedLine> redLines) {

    public static final DealState EMPTY = new DealState(null, null, null, NegotiationStatus.NOT_OPENED, 0,
            List.of(), Map.of(), Map.of(), Map.of(), List.of(), null, Map.of());

    private static final int MAX_TITLE = 200;
    private static final int MAX_RATIONALE = 4000;
    /** Red lines are short predicates; anything longer is refused before it reaches the compiler. */
    public static final int MAX_EXPRESSION = 4000;
    /**
     * Red lines in force per party. Every version checks each of them, and the facilitator's analysis searches for a
     * deal all of them can live with: a party's position fits in this many, an unbounded list would slow both.
     */
    public static final int MAX_RED_LINES_PER_PARTY = 20;

    public DealState {
        // Read-only copies, except of the maps that are read-only already: those a state derived from another
        // shares with it (the fold copies only what an event changes).
        parties = List.copyOf(parties);
        terms = FrozenMap.of(terms);
        termStates = FrozenMap.of(termStates);
        proposals = FrozenMap.of(proposals);
        signatures = List.copyOf(new TreeSet<>(signatures));
        redLines = FrozenMap.of(redLines);
    }

    /** Folds events onto the empty state. */
    public static DealState of(Iterable<? extends NegotiationEvent> events) {
        DealState state = EMPTY;
        for (NegotiationEvent e : events) {
            state = state.apply(e);
        }
        return state;
    }

    // ------------------------------------------------------------------ the fold

    /** The state after {@code event}. Pure: this state is left as it was. */
    public DealState apply(NegotiationEvent event) {
        DealState next;
        if (event instanceof NegotiationOpened e) {
            LinkedHashMap<String, TermDefinition> catalogue = new LinkedHashMap<>();
            LinkedHashMap<String, TermState> states = new LinkedHashMap<>();
            e.terms().forEach(t -> {
                catalogue.put(t.id(), t);
                states.put(t.id(), TermState.OPEN);
            });
            next = new DealState(e.negotiationId(), e.title(), e.scenario(), NegotiationStatus.OPEN, version,
                    e.parties(), FrozenMap.of(catalogue), FrozenMap.of(states), Map.of(), List.of(), null,
                    Map.of());
        } else if (event instanceof MoveProposed e) {
            next = withNewProposal(Proposal.pending(e.moveId(), e.term(), e.party(), e.value(), e.rationale(), null));
        } else if (event instanceof MoveCountered e) {
            next = closeProposal(e.proposalId(), ProposalStatus.COUNTERED)
                    .withNewProposal(Proposal.pending(e.moveId(), e.term(), e.party(), e.value(), e.rationale(), e.proposalId()));
        } else if (event instanceof MoveAccepted e) {
            next = updateProposal(e.proposalId(), p -> p.acceptedBy(e.party()));
        } else if (event instanceof MoveRejected e) {
            Proposal p = proposal(e.proposalId());
            // A rejection by a party whose consent the term needs ends the proposal; others' are on record only.
            boolean closes = consentOf(p.term()).contains(e.party());
            next = updateProposal(e.proposalId(), q -> q.rejectedBy(e.party(), closes));
            if (closes) {
                next = next.updateTerm(p.term(), t -> t.withoutPending(p.id()));
            }
        } else if (event instanceof MoveWithdrawn e) {
            next = closeProposal(e.proposalId(), ProposalStatus.WITHDRAWN);
        } else if (event instanceof TermAgreed e) {
            next = agree(e);
        } else if (event instanceof DealSigned e) {
            List<String> signed = new ArrayList<>(signatures);
            signed.add(e.party());
            next = with(status, termStates, proposals, signed, collapseReason);
        } else if (event instanceof NegotiationConcluded) {
            next = with(NegotiationStatus.CONCLUDED, termStates, proposals, signatures, collapseReason);
        } else if (event instanceof NegotiationCollapsed e) {
            next = with(NegotiationStatus.COLLAPSED, termStates, proposals, signatures, e.reason());
        } else if (event instanceof RedLineDeclared e) {
            next = withRedLines(FrozenMap.with(redLines, e.redLineId(),
                    new RedLine(e.redLineId(), e.party(), e.title(), e.expression())));
        } else if (event instanceof RedLineRetracted e) {
            next = withRedLines(FrozenMap.without(redLines, e.redLineId()));
        } else {
            throw new IllegalArgumentException("unknown event " + event.getClass().getName());
        }
        return next.withVersion(version + 1);
    }

    private DealState agree(TermAgreed e) {
        Map<String, Proposal> changes = new LinkedHashMap<>();
        Proposal agreed = proposal(e.proposalId());
        changes.put(agreed.id(), agreed.withStatus(ProposalStatus.AGREED));
        for (String other : termState(e.term()).pending()) {
            if (!other.equals(agreed.id())) {
                changes.put(other, proposal(other).withStatus(ProposalStatus.SUPERSEDED));
            }
        }
        Map<String, TermState> nextTerms = FrozenMap.with(termStates, e.term(),
                termState(e.term()).agreed(e.proposalId(), e.value()));
        // Signatures are on the deal as it stood; an agreement changes the deal, so they lapse.
        return with(status, nextTerms, FrozenMap.withAll(proposals, changes), List.of(), collapseReason);
    }

    private DealState withNewProposal(Proposal p) {
        return with(status, termStates, FrozenMap.with(proposals, p.id(), p), signatures, collapseReason)
                .updateTerm(p.term(), t -> t.withPending(p.id()));
    }

    private DealState closeProposal(String id, ProposalStatus closed) {
        Proposal p = proposal(id);
        return updateProposal(id, q -> q.withStatus(closed)).updateTerm(p.term(), t -> t.withoutPending(id));
    }

    private DealState updateProposal(String id, UnaryOperator<Proposal> change) {
        return with(status, termStates, FrozenMap.with(proposals, id, change.apply(proposal(id))), signatures,
                collapseReason);
    }

    private DealState updateTerm(String term, UnaryOperator<TermState> change) {
        return with(status, FrozenMap.with(termStates, term, change.apply(termState(term))), proposals, signatures,
                collapseReason);
    }

    private DealState with(NegotiationStatus s, Map<String, TermState> ts, Map<String, Proposal> ps,
                           List<String> sigs, String reason) {
        return new DealState(negotiationId, title, scenario, s, version, parties, terms, ts, ps, sigs, reason, redLines);
    }

    private DealState withRedLines(Map<String, RedLine> lines) {
        return new DealState(negotiationId, title, scenario, status, version, parties, terms, termStates, proposals,
                signatures, collapseReason, lines);
    }

    private DealState withVersion(long v) {
        return new DealState(negotiationId, title, scenario, status, v, parties, terms, termStates, proposals,
                signatures, collapseReason, redLines);
    }

    private Proposal proposal(String id) {
        Proposal p = proposals.get(id);
        if (p == null) {
            throw new IllegalStateException("event refers to unknown proposal " + id);
        }
        return p;
    }

    private TermState termState(String term) {
        TermState t = termStates.get(term);
        if (t == null) {
            throw new IllegalStateException("event refers to unknown term " + term);
        }
        return t;
    }

    /**
     * This state without the proposals that are closed (countered, withdrawn, rejected, agreed or superseded): what a
     * projection keeps to serve the deal and to fold the events that follow, since no event the rules allow refers
     * to a closed proposal again. A long negotiation's state then stays the size of what is on the table instead of
     * growing with every proposal ever made. Not for {@link #decide}: it would take a closed proposal for an unknown
     * one.
     */
    public DealState withoutClosedProposals() {
        if (proposals.values().stream().allMatch(Proposal::isPending)) {
            return this;
        }
        LinkedHashMap<String, Proposal> pending = new LinkedHashMap<>();
        proposals.forEach((id, p) -> {
            if (p.isPending()) {
                pending.put(id, p);
            }
        });
        return with(status, termStates, FrozenMap.of(pending), signatures, collapseReason);
    }

    // ------------------------------------------------------------------ queries

    public List<String> partyIds() {
        return parties.stream().map(Party::id).toList();
    }

    public boolean hasParty(String party) {
        return parties.stream().anyMatch(p -> p.id().equals(party));
    }

    /** The parties whose acceptance settles {@code term}: its consent list, or every party. */
    public Set<String> consentOf(String term) {
        TermDefinition definition = terms.get(term);
        if (definition == null || definition.consent() == null || definition.consent().isEmpty()) {
            return new TreeSet<>(partyIds());
        }
        return new TreeSet<>(definition.consent());
    }

    /** The agreed terms and their values, in declaration order. */
    public Map<String, TermValue> agreedTerms() {
        Map<String, TermValue> agreed = new LinkedHashMap<>();
        termStates.forEach((id, t) -> {
            if (t.status() == TermStatus.AGREED) {
                agreed.put(id, t.value());
            }
        });
        return agreed;
    }

    // ------------------------------------------------------------------ the rules

    /**
     * The events that {@code command} leads to in this state: every rule of the table, who may give it included.
     *
     * @throws NotPermitted   its caller may not give this command here
     * @throws InvalidInput   the command names something that does not exist or a value outside a term's domain
     * @throws RuleViolation  the rules of the table refuse it now
     * @throws StaleVersion   the command's expected version is not this state's version
     */
    public List<NegotiationEvent> decide(NegotiationCommand command) {
        if (command.caller() == null) {
            throw new IllegalArgumentException("a command needs its caller: " + command);
        }
        if (command instanceof OpenNegotiation c) {
            return open(c);
        }
        if (status == NegotiationStatus.NOT_OPENED) {
            throw new RuleViolation("not-opened", "negotiation " + command.negotiationId() + " has not been opened");
        }
        requirePermitted(command);
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new StaleVersion(command.expectedVersion(), version);
        }
        if (status != NegotiationStatus.OPEN) {
            throw new RuleViolation("negotiation-" + status.name().toLowerCase(),
                    "the negotiation is " + status.name().toLowerCase() + "; nothing more can happen in it");
        }
        if (command instanceof ProposeMove c) {
            return propose(c);
        } else if (command instanceof CounterMove c) {
            return counter(c);
        } else if (command instanceof AcceptMove c) {
            return accept(c);
        } else if (command instanceof RejectMove c) {
            return reject(c);
        } else if (command instanceof WithdrawMove c) {
            return withdraw(c);
        } else if (command instanceof SignDeal c) {
            return sign(c);
        } else if (command instanceof CollapseNegotiation c) {
            return collapse(c);
        } else if (command instanceof DeclareRedLine c) {
            return declare(c);
        } else if (command instanceof RetractRedLine c) {
            return retract(c);
        }
        throw new IllegalArgumentException("unknown command " + command.getClass().getName());
    }

    // ------------------------------------------------------------------ who may

    /**
     * Who may give a command to an open negotiation, before anything else is judged (a refusal here says nothing
     * about the negotiation's state). A party acts only for itself and only where it sits; the facilitator collapses
     * and declares or retracts red lines for any party; an observer changes nothing. Whose red line a retraction
     * takes back is judged with the red line ({@link #retract}).
     */
    private void requirePermitted(NegotiationCommand command) {
        Caller caller = command.caller();
        if (command instanceof PartyCommand c) {
            if (!caller.plays(c.party())) {
                throw new NotPermitted(describe(caller) + " cannot " + verb(c) + " for " + c.party()
                        + "; a party acts only for itself");
            }
        } else if (command instanceof CollapseNegotiation) {
            if (!caller.isFacilitator()) {
                throw new NotPermitted("only the " + Party.FACILITATOR + " can record a collapse; " + describe(caller)
                        + " cannot");
            }
        } else if (command instanceof DeclareRedLine c) {
            if (caller.role() == Role.OBSERVER) {
                throw new NotPermitted(describe(caller) + " is an observer and cannot declare a red line");
            }
            if (!caller.isFacilitator() && !caller.plays(c.party())) {
                throw new NotPermitted(describe(caller) + " cannot declare a red line for " + c.party()
                        + "; a party declares its own, the facilitator may declare for any party");
            }
        } else if (command instanceof RetractRedLine && caller.role() == Role.OBSERVER) {
            throw new NotPermitted(describe(caller) + " is an observer and cannot retract a red line");
        }
        if (caller.role() == Role.PARTY && !hasParty(caller.party())) {
            throw new NotPermitted(caller.party() + " is not a party to this negotiation and cannot change it; parties"
                    + " are " + partyIds());
        }
    }

    /** Opening needs the facilitator, with a credential for every negotiation: it could not reach what it opened. */
    private static void requireMayOpen(Caller caller) {
        if (!caller.isFacilitator()) {
            throw new NotPermitted("only the " + Party.FACILITATOR + " can open a negotiation; " + describe(caller)
                    + " cannot");
        }
        if (caller.negotiations() != null) {
            throw new NotPermitted("a credential limited to named negotiations cannot open a negotiation");
        }
    }

    /** {@code team-ua (party:UA)}, or the role alone when nobody is named. */
    private static String describe(Caller caller) {
        return caller.subject() == null ? caller.roleName() : caller.subject() + " (" + caller.roleName() + ")";
    }

    private static String verb(PartyCommand command) {
        return command instanceof SignDeal ? "sign" : "move";
    }

    private List<NegotiationEvent> open(OpenNegotiation c) {
        requireMayOpen(c.caller());
        if (c.expectedVersion() != null && c.expectedVersion() != 0) {
            throw new StaleVersion(c.expectedVersion(), 0);
        }
        if (status != NegotiationStatus.NOT_OPENED) {
            throw new RuleViolation("already-opened", "negotiation " + c.negotiationId() + " is already open");
        }
        List<FieldError> errors = new ArrayList<>();
        if (c.negotiationId() == null || c.negotiationId().isBlank()) {
            errors.add(new FieldError("id", "is required"));
        }
        if (c.title() == null || c.title().isBlank()) {
            errors.add(new FieldError("title", "is required"));
        } else if (c.title().length() > MAX_TITLE) {
            errors.add(new FieldError("title", "must be at most " + MAX_TITLE + " characters long"));
        }
        Set<String> partyIds = new HashSet<>();
        if (c.parties() == null || c.parties().size() < 2) {
            errors.add(new FieldError("parties", "is required: at least two parties"));
        } else {
            for (int i = 0; i < c.parties().size(); i++) {
                Party p = c.parties().get(i);
                String path = "parties[" + i + "]";
                if (p == null || p.id() == null || !Party.ID.matcher(p.id()).matches()) {
                    errors.add(new FieldError(path + ".id", "must match " + Party.ID.pattern() + ", was " + (p == null ? null : p.id())));
                } else if (Party.FACILITATOR.equalsIgnoreCase(p.id())) {
                    errors.add(new FieldError(path + ".id", "'" + Party.FACILITATOR + "' runs the session and cannot be a party"));
                } else if (!partyIds.add(p.id())) {
                    errors.add(new FieldError(path + ".id", "repeats " + p.id()));
                }
                if (p != null && p.name() != null && p.name().length() > MAX_TITLE) {
                    errors.add(new FieldError(path + ".name", "must be at most " + MAX_TITLE + " characters long"));
                }
            }
        }
        TermDefinition.validateAll(c.terms(), partyIds, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        List<Party> parties = c.parties().stream()
                .map(p -> new Party(p.id(), p.name() == null || p.name().isBlank() ? p.id() : p.name()))
                .toList();
        return List.of(new NegotiationOpened(c.negotiationId(), c.title(), c.scenario(), parties, c.terms()));
    }

    private List<NegotiationEvent> propose(ProposeMove c) {
        requireParty(c.party());
        requireRationale(c.rationale());
        TermDefinition term = requireTerm(c.term());
        if (termStates.get(term.id()).status() == TermStatus.AGREED) {
            throw new RuleViolation("term-agreed", "term " + term.id() + " is already agreed");
        }
        TermValue value = term.domain().require(c.value(), "value");
        List<NegotiationEvent> events = new ArrayList<>();
        events.add(new MoveProposed(negotiationId, c.moveId(), c.party(), term.id(), value, c.rationale()));
        if (Set.of(c.party()).containsAll(consentOf(term.id()))) {
            events.add(new TermAgreed(negotiationId, term.id(), c.moveId(), value));
        }
        return events;
    }

    private List<NegotiationEvent> counter(CounterMove c) {
        requireParty(c.party());
        requireRationale(c.rationale());
        Proposal target = requirePendingProposal(c.proposalId(), "counter", "countered");
        if (target.party().equals(c.party())) {
            throw new RuleViolation("own-proposal", "a party cannot counter its own proposal; withdraw it or propose again");
        }
        TermValue value = terms.get(target.term()).domain().require(c.value(), "value");
        List<NegotiationEvent> events = new ArrayList<>();
        events.add(new MoveCountered(negotiationId, c.moveId(), c.party(), target.id(), target.term(), value, c.rationale()));
        if (Set.of(c.party()).containsAll(consentOf(target.term()))) {
            events.add(new TermAgreed(negotiationId, target.term(), c.moveId(), value));
        }
        return events;
    }

    private List<NegotiationEvent> accept(AcceptMove c) {
        requireParty(c.party());
        requireRationale(c.rationale());
        Proposal target = requirePendingProposal(c.proposalId(), "accept", "accepted");
        if (target.party().equals(c.party())) {
            throw new RuleViolation("own-proposal", "a party cannot accept its own proposal");
        }
        if (target.acceptedBy().contains(c.party())) {
            throw new RuleViolation("already-accepted", c.party() + " has already accepted proposal " + target.id());
        }
        List<NegotiationEvent> events = new ArrayList<>();
        events.add(new MoveAccepted(negotiationId, c.moveId(), c.party(), target.id(), c.rationale()));
        Set<String> consenting = new HashSet<>(target.acceptedBy());
        consenting.add(target.party());
        consenting.add(c.party());
        if (consenting.containsAll(consentOf(target.term()))) {
            events.add(new TermAgreed(negotiationId, target.term(), target.id(), target.value()));
        }
        return events;
    }

    private List<NegotiationEvent> reject(RejectMove c) {
        requireParty(c.party());
        requireRationale(c.rationale());
        Proposal target = requirePendingProposal(c.proposalId(), "reject", "rejected");
        if (target.party().equals(c.party())) {
            throw new RuleViolation("own-proposal", "a party cannot reject its own proposal; withdraw it instead");
        }
        if (target.rejectedBy().contains(c.party())) {
            throw new RuleViolation("already-rejected", c.party() + " has already rejected proposal " + target.id());
        }
        return List.of(new MoveRejected(negotiationId, c.moveId(), c.party(), target.id(), c.rationale()));
    }

    private List<NegotiationEvent> withdraw(WithdrawMove c) {
        requireParty(c.party());
        requireRationale(c.rationale());
        Proposal target = requirePendingProposal(c.proposalId(), "withdraw", "withdrawn");
        if (!target.party().equals(c.party())) {
            throw new RuleViolation("not-proposer", "only " + target.party() + ", who proposed it, can withdraw proposal " + target.id());
        }
        return List.of(new MoveWithdrawn(negotiationId, c.moveId(), c.party(), target.id(), c.rationale()));
    }

    private List<NegotiationEvent> sign(SignDeal c) {
        requireParty(c.party());
        if (signatures.contains(c.party())) {
            throw new RuleViolation("already-signed", c.party() + " has already signed the deal as it stands");
        }
        List<NegotiationEvent> events = new ArrayList<>();
        events.add(new DealSigned(negotiationId, c.party()));
        Set<String> signed = new HashSet<>(signatures);
        signed.add(c.party());
        if (signed.containsAll(partyIds())) {
            events.add(new NegotiationConcluded(negotiationId, new TreeMap<>(agreedTerms())));
        }
        return events;
    }

    private List<NegotiationEvent> collapse(CollapseNegotiation c) {
        if (c.reason() == null || c.reason().isBlank()) {
            throw new InvalidInput("reason", "is required");
        }
        if (c.reason().length() > MAX_RATIONALE) {
            throw new InvalidInput("reason", "must be at most " + MAX_RATIONALE + " characters long");
        }
        return List.of(new NegotiationCollapsed(negotiationId, c.reason()));
    }

    private List<NegotiationEvent> declare(DeclareRedLine c) {
        requireParty(c.party());
        List<FieldError> errors = new ArrayList<>();
        if (c.title() == null || c.title().isBlank()) {
            errors.add(new FieldError("title", "is required"));
        } else if (c.title().length() > MAX_TITLE) {
            errors.add(new FieldError("title", "must be at most " + MAX_TITLE + " characters long"));
        }
        if (c.expression() == null || c.expression().isBlank()) {
            errors.add(new FieldError("expression", "is required"));
        } else if (c.expression().length() > MAX_EXPRESSION) {
            errors.add(new FieldError("expression", "must be at most " + MAX_EXPRESSION + " characters long, was "
                    + c.expression().length()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        long inForce = redLines.values().stream().filter(line -> line.party().equals(c.party())).count();
        if (inForce >= MAX_RED_LINES_PER_PARTY) {
            throw new RuleViolation("too-many-red-lines", c.party() + " already has " + inForce
                    + " red lines in force, the most a party may have; retract one before declaring another");
        }
        RedLineLanguage.of(List.copyOf(terms.values())).compile(c.expression());
        return List.of(new RedLineDeclared(negotiationId, c.redLineId(), c.party(), c.title(), c.expression(),
                c.caller().actor()));
    }

    private List<NegotiationEvent> retract(RetractRedLine c) {
        RedLine line = redLines.get(c.redLineId());
        if (line == null) {
            throw new UnknownRedLine(c.redLineId());
        }
        if (!c.caller().isFacilitator() && !c.caller().plays(line.party())) {
            throw new NotPermitted("only " + line.party() + " or the facilitator can retract this red line; "
                    + describe(c.caller()) + " cannot");
        }
        return List.of(new RedLineRetracted(negotiationId, line.id(), line.party(), c.caller().actor()));
    }

    private void requireParty(String party) {
        if (party == null || party.isBlank()) {
            throw new InvalidInput("party", "is required");
        }
        if (!hasParty(party)) {
            throw new RuleViolation("not-a-party", party + " is not a party to this negotiation; parties are " + partyIds());
        }
    }

    private static void requireRationale(String rationale) {
        if (rationale != null && rationale.length() > MAX_RATIONALE) {
            throw new InvalidInput("rationale", "must be at most " + MAX_RATIONALE + " characters long");
        }
    }

    private TermDefinition requireTerm(String term) {
        if (term == null || term.isBlank()) {
            throw new InvalidInput("term", "is required");
        }
        TermDefinition definition = terms.get(term);
        if (definition == null) {
            throw new InvalidInput("term", "unknown term '" + term + "'; terms are " + terms.keySet());
        }
        return definition;
    }

    private Proposal requirePendingProposal(String id, String verb, String done) {
        if (id == null || id.isBlank()) {
            throw new InvalidInput("moveId", "is required: the proposal to " + verb);
        }
        Proposal p = proposals.get(id);
        if (p == null) {
            throw new InvalidInput("moveId", "no proposal '" + id + "' in this negotiation");
        }
        if (!p.isPending()) {
            throw new RuleViolation("proposal-" + p.status().name().toLowerCase(),
                    "proposal " + id + " is " + p.status().name().toLowerCase() + "; only a pending proposal can be " + done);
        }
        return p;
    }
}
