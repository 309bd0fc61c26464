package io.parley.command.negotiation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.command.eventstore.EventMetadata;
import io.parley.command.http.DatabaseOutage;
import io.parley.command.http.IdempotencyKeyReused;
import io.parley.command.http.IdempotencyRecords;
import io.parley.command.http.WriteRequest;
import io.parley.model.negotiation.NegotiationCommand;
import io.parley.model.negotiation.RuleViolation;
import io.parley.model.negotiation.StaleVersion;
import io.parley.model.negotiation.UnknownRedLine;
import io.parley.model.term.InvalidInput;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a write's command to its {@link Negotiation} and answers it, in one database transaction that Axon joins: the
 * command's events and the record of its answer commit together or not at all. The events carry the request's
 * metadata (who, correlation id, idempotency key) for the audit trail; who may do what is the rules' to say.
 * <p>
 * With an {@code Idempotency-Key}, a request that was answered before gets the same answer again and appends nothing;
 * the key with a different request is refused. Two identical requests at the same moment both run, but only one
 * commits: the other fails on the event store's unique (negotiation, sequence) or on the record's primary key, rolls
 * back its events, and then answers with the winner's answer. A refused command (4xx) records nothing, so the client
 * may retry with the same key.
 * <p>
 * Different moves on one negotiation at the same moment are serialised: the one that loses the race on the event
 * store's unique index is decided again on the state the winner left, a few times at most. A refusal by the rules
 * that depends on the negotiation's state is decided once more on what the store holds before it is answered (the
 * first decision may have been on a negotiation kept in memory that another instance has since moved on). A database
 * out of reach is never retried here: the caller gets its 503 at once.
 */
@Component
public class NegotiationCommands {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_ATTEMPTS = 10;
    /** How an answer without a body is recorded (the JSON of {@code null}). */
    private static final String NO_BODY = "null";
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG);

    private final CommandGateway gateway;
    private final TransactionTemplate transactions;
    private final IdempotencyRecords records;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public NegotiationCommands(CommandGateway gateway, PlatformTransactionManager transactionManager,
                               IdempotencyRecords records, ObjectMapper json) {
        this.gateway = gateway;
        this.transactions = new TransactionTemplate(transactionManager);
        this.records = records;
        this.json = json;
    }

    /**
     * Runs the command and answers it ({@link Responses#to}), or answers again what the same request with the same
     * key was answered before.
     *
     * @throws RuntimeException what the rules refused with ({@code NotPermitted}, {@code InvalidInput},
     *                          {@code RuleViolation}, {@code StaleVersion}, {@code UnknownRedLine}), Axon's
     *                          {@code AggregateNotFoundException}, or a conflict that outlasted the retries
     */
    public ResponseEntity<?> send(NegotiationCommand command, WriteRequest write) {
        boolean refusedOnce = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(command, write);
            } catch (RuleViolation | InvalidInput | StaleVersion | UnknownRedLine refusal) {
                // The rules may have judged a negotiation kept in memory that another instance has moved on since
                // (see AggregateCache). The refusal rolled back and took it out of memory, so once more decides on
                // what the store holds: a refusal that stands is answered, one made on an old state is not. Who may
                // act (NotPermitted) depends on no state that changes, so it is answered at once.
                if (refusedOnce) {
                    throw refusal;
                }
                refusedOnce = true;
            } catch (ConcurrencyException | AggregateStreamCreationException conflict) {
                // Another move on the same negotiation committed first. Nothing of ours was written, so deciding
                // again on the new state is safe (an If-Match then fails as 412); teams moving at the same moment
                // should not have to retry by hand. Past a few attempts the caller gets the 409.
                if (attempt >= MAX_ATTEMPTS) {
                    throw conflict;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(1, 5 * attempt)));
            }
        }
    }

    private ResponseEntity<?> sendOnce(NegotiationCommand command, WriteRequest write) {
        if (write.idempotencyKey() == null) {
            return transactions.execute(status -> Responses.to(command, dispatch(command, write)));
        }
        Optional<IdempotencyRecords.Answer> earlier = records.find(write.caller().subject(), write.idempotencyKey());
        if (earlier.isPresent()) {
            return replay(earlier.get(), write);
        }
        try {
            return transactions.execute(status -> {
                ResponseEntity<?> answer = Responses.to(command, dispatch(command, write));
                records.insert(record(write, answer), clock.instant());
                return answer;
            });
        } catch (RuntimeException failure) {
            if (DatabaseOutage.of(failure).isPresent()) {
                // Looking for a winner would only wait for the database once more, and a lookup refused for want of
                // a connection would hide that this request's own commit may have landed.
                throw failure;
            }
            // A concurrent request with the same key may have committed first; then its answer is the answer.
            Optional<IdempotencyRecords.Answer> winner = records.find(write.caller().subject(), write.idempotencyKey());
            if (winner.isPresent()) {
                return replay(winner.get(), write);
            }
            throw failure;
        }
    }

    /** Runs the command in this thread and transaction; answers the negotiation's version after it. */
    private long dispatch(NegotiationCommand command, WriteRequest write) {
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata(write)));
        } catch (CommandExecutionException e) {
            // Only checked exceptions get wrapped; the rules throw unchecked ones, but never hide one that is.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static MetaData metadata(WriteRequest write) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(EventMetadata.ACTOR, write.caller().actor());
        if (write.caller().subject() != null) {
            metadata.put(EventMetadata.ACTOR_SUBJECT, write.caller().subject());
        }
        metadata.put(EventMetadata.ACTOR_ROLE, write.caller().roleName());
        metadata.put(EventMetadata.CORRELATION_ID, write.correlationId());
        if (write.idempotencyKey() != null) {
            metadata.put(EventMetadata.IDEMPOTENCY_KEY, write.idempotencyKey());
        }
        return MetaData.from(metadata);
    }

    private IdempotencyRecords.Answer record(WriteRequest write, ResponseEntity<?> answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        KEPT_HEADERS.forEach(name -> {
            String value = answer.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        });
        try {
            return new IdempotencyRecords.Answer(write.caller().subject(), write.idempotencyKey(), write.requestHash(),
                    answer.getStatusCode().value(), json.writeValueAsString(answer.getBody()),
                    json.writeValueAsString(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot record the answer to " + write.idempotencyKey(), e);
        }
    }

    private ResponseEntity<?> replay(IdempotencyRecords.Answer answer, WriteRequest write) {
        if (!answer.requestHash().equals(write.requestHash())) {
            throw new IdempotencyKeyReused(write.idempotencyKey());
        }
        Map<String, String> headers;
        try {
            headers = json.readValue(answer.headers(), new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable answer recorded for " + write.idempotencyKey(), e);
        }
        ResponseEntity.BodyBuilder replayed = ResponseEntity.status(answer.status()).header(REPLAYED_HEADER, "true");
        headers.forEach(replayed::header);
        if (NO_BODY.equals(answer.body())) {
            // A 204 (a retraction) had no body the first time either.
            return replayed.build();
        }
        return replayed.contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }
}
