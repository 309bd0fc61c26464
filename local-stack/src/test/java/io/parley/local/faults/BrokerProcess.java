package io.parley.local.faults;

import io.parley.local.KafkaBroker;

import java.nio.file.Path;

/**
 * The embedded Kafka broker as a process of its own, so that a fault test can kill it outright:
 * {@code BrokerProcess <log directory> <port>}. SIGTERM shuts it down in order; it prints {@link #READY} once it
 * answers.
 */
public final class BrokerProcess {

    static final String READY = "broker process ready";

    private BrokerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker = new KafkaBroker(Path.of(args[0]), Integer.parseInt(args[1])).start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-stop"));
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
