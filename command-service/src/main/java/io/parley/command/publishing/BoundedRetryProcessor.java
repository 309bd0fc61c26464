package io.parley.command.publishing;

import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;

/**
 * A tracking processor that retries after an error at least every {@code maxWait}. Axon's own waits 1, 2, 4 ... up
 * to 60 s between attempts, so after a database or broker outage of a minute or more publishing would resume up to a
 * minute late; with this one it resumes within {@code maxWait} plus one attempt.
 * <p>
 * In Axon 4.13 the one-argument {@link #doSleepFor(long)} is called only for that wait (the worker launcher's
 * pauses use the two-argument one and are left alone).
 */
public class BoundedRetryProcessor extends TrackingEventProcessor {

    private final long maxWaitMillis;

    protected BoundedRetryProcessor(Builder builder, Duration maxWait) {
        super(builder);
        this.maxWaitMillis = maxWait.toMillis();
    }

    @Override
    protected void doSleepFor(long millisToSleep) {
        super.doSleepFor(Math.min(millisToSleep, maxWaitMillis));
    }

    /**
     * Axon's event processing module, building every tracking processor as a {@link BoundedRetryProcessor}; the
     * processors stay configured by {@code axon.eventhandling.processors.*}.
     */
    public static class Module extends EventProcessingModule {

        private final Duration maxWait;

        public Module(Duration maxWait) {
            this.maxWait = maxWait;
        }

        /** As {@link EventProcessingModule} builds one, with the bounded wait. */
        @Override
        protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker eventHandlerInvoker,
                                                        TrackingEventProcessorConfiguration config,
                                                        StreamableMessageSource<TrackedEventMessage<?>> source) {
            Builder builder = TrackingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(eventHandlerInvoker)
                    .rollbackConfiguration(rollbackConfiguration(name))
                    .errorHandler(errorHandler(name))
                    .messageMonitor(messageMonitor(TrackingEventProcessor.class, name))
                    .messageSource(source)
                    .tokenStore(tokenStore(name))
                    .transactionManager(transactionManager(name))
                    .trackingEventProcessorConfiguration(config)
                    .spanFactory(configuration.getComponent(EventProcessorSpanFactory.class));
            return new BoundedRetryProcessor(builder, maxWait);
        }
    }
}
