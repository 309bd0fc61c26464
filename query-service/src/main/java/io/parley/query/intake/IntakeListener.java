package io.parley.query.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The consumer group member that reads {@code negotiation.events}. Offsets are committed when a batch returns,
 * which is after its database transaction committed: a crash in between redelivers records the projections
 * already hold, and the intake recognises them as duplicates.
 */
@Component
class IntakeListener {

    static final String ID = "parley-intake";

    private final EventIntake intake;

    IntakeListener(EventIntake intake) {
        this.intake = intake;
    }

    @KafkaListener(id = ID, topics = "${parley.intake.topic}", groupId = "${parley.intake.group-id}", batch = "true",
            autoStartup = "${parley.intake.auto-startup:true}")
    void onRecords(List<ConsumerRecord<String, byte[]>> records) {
        intake.accept(records);
    }
}
