-- A topic that is deleted and created again starts its offsets at 0 again, so (topic, partition, offset) alone does
-- not name a record: a later record at the same position would be taken for a redelivery and not parked. The intake
-- now recognises a redelivered record by its key and bytes as well (see ParkedEvents), so the key only indexes.
ALTER TABLE parked_event DROP CONSTRAINT parked_event_record;
CREATE INDEX parked_event_by_record ON parked_event (topic, kafka_partition, kafka_offset);
