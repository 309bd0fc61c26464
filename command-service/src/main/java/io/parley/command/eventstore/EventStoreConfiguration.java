package io.parley.command.eventstore;

import io.parley.model.json.EventJson;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How events are stored: Axon's JDBC event store (auto-configured on the Spring DataSource and joined to Spring
 * transactions) with the model's own JSON mapping, and the request metadata every event carries.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /**
     * The event store as Axon's auto-configuration builds it, but keeping fewer of the newest events in memory. Axon
     * keeps the newest 10,000 by default for tracking processors that follow the head, whatever their size: about
     * 2.5 KB each for ordinary moves (25 MB held for good once the store has that many), several times that for moves
     * with long rationales. The only tracking processor here is the Kafka publisher, which reads right behind the head
     * in batches of 100; when it falls further behind (Kafka away), it reads from the database, as it does at start.
     * Declaring the store makes Axon leave out its storage engine too, so {@link #eventStorageEngine} declares that,
     * exactly as Axon's JDBC auto-configuration does.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         @Value("${parley.event-store.cached-events:1000}") int cachedEvents) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(cachedEvents)
                .build();
    }

    /**
     * Axon's JDBC storage engine, as its auto-configuration builds it when no event store is declared (with Axon's
     * default table and column names, which the migrations create).
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration, ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 ObjectProvider<EventSchema> eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema.getIfAvailable(EventSchema::new))
                .build();
    }

    /**
     * Axon's serializer for events, metadata and tracking tokens. It gets its own copy of the model's mapper: the
     * HTTP mapper refuses unknown fields, which must never make a stored event unreadable.
     */
    @Bean
    @Primary
    public Serializer axonSerializer(RevisionResolver revisionResolver) {
        return JacksonSerializer.builder()
                .objectMapper(EventJson.mapper().copy())
                .revisionResolver(revisionResolver)
                .build();
    }

    /** The bean name {@code @Aggregate(cache = ...)} refers to. */
    public static final String NEGOTIATION_CACHE = "negotiationCache";

    /**
     * The negotiations kept loaded between commands (see {@link AggregateCache}), so that a move reads none of its
     * negotiation's events from the store: without it every command replays the whole negotiation, which for a long
     * session costs far more than the append.
     */
    @Bean(NEGOTIATION_CACHE)
    public AggregateCache negotiationCache(@Value("${parley.aggregate-cache.size:1000}") long size) {
        return new AggregateCache(size);
    }

    /** The bean name {@code @Aggregate(snapshotTriggerDefinition = ...)} refers to. */
    public static final String NEGOTIATION_SNAPSHOTS = "negotiationSnapshots";

    /**
     * A negotiation not in memory is loaded from its latest snapshot and the events after it: a snapshot is taken once
     * a loaded negotiation has folded {@code parley.snapshot.every} events since its last one (default 500), after
     * the command's transaction commits. A move on a 10,000-event negotiation that was not in memory took 436 ms at
     * the median when every event was read and folded, 22 to 26 ms from a snapshot.
     */
    @Bean(NEGOTIATION_SNAPSHOTS)
    public SnapshotTriggerDefinition negotiationSnapshots(Snapshotter snapshotter,
                                                          @Value("${parley.snapshot.every:500}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    /**
     * Takes snapshots on a thread of its own, in a transaction of its own, after the command that asked for one. Axon's
     * default takes it on the command's thread before the command returns, so every 500th move of a long negotiation
     * would wait while the negotiation is read again and written out whole (every proposal ever made). One thread; a
     * request that finds the queue full is dropped, which costs nothing but a longer replay until the next one.
     */
    @Bean
    public SpringAggregateSnapshotter negotiationSnapshotter(Configuration configuration, HandlerDefinition handlers,
                                                             ParameterResolverFactory parameters, EventStore eventStore,
                                                             TransactionManager transactions,
                                                             SnapshotterSpanFactory spans, SnapshotThread thread) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactions)
                .eventStore(eventStore)
                .parameterResolverFactory(parameters)
                .handlerDefinition(handlers)
                .spanFactory(spans)
                .executor(thread::execute)
                .build();
    }

    @Bean
    public SnapshotThread snapshotThread() {
        return new SnapshotThread();
    }

    /**
     * The one thread snapshots are taken on. Not an {@link Executor} bean, so that Spring Boot still provides its own
     * task executor to whatever asks for one.
     */
    public static final class SnapshotThread implements DisposableBean {

        private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1000), task -> {
                    Thread t = new Thread(task, "parley-snapshot");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.DiscardPolicy());

        void execute(Runnable task) {
            thread.execute(task);
        }

        /** A snapshot under way when the service stops is finished, or rolled back with its connection. */
        @Override
        public void destroy() throws InterruptedException {
            thread.shutdown();
            thread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The bean name {@code @Aggregate(lockFactory = ...)} refers to. */
    public static final String NEGOTIATION_LOCKS = "negotiationLocks";

    /** One negotiation's commands follow each other until each one's transaction has ended. */
    @Bean(NEGOTIATION_LOCKS)
    public TransactionScopedLockFactory negotiationLocks() {
        return new TransactionScopedLockFactory();
    }

    /** Recognises a concurrent append on H2 and PostgreSQL alike, so it becomes Axon's ConcurrencyException. */
    @Bean
    public PersistenceExceptionResolver duplicateKeyResolver() {
        return new DuplicateKeyResolver();
    }

    /**
     * Copies who acted (party or role, subject and role), the request's correlation id and its idempotency key
     * from each command to the events it
     * causes. Declaring it also replaces Axon's default provider, which would overwrite {@code correlationId} with
     * the command's message id.
     */
    @Bean
    public CorrelationDataProvider requestMetadata() {
        return new SimpleCorrelationDataProvider(EventMetadata.ACTOR, EventMetadata.ACTOR_SUBJECT,
                EventMetadata.ACTOR_ROLE, EventMetadata.CORRELATION_ID, EventMetadata.IDEMPOTENCY_KEY);
    }
}
