-- An operator resolves a parked record by retrying it (it applied, or was already applied: RETRIED) or by skipping
-- it (SKIPPED). Resolved records stay, with who resolved them, when and why; only PARKED ones count as parked.
ALTER TABLE parked_event ADD COLUMN status VARCHAR(20) DEFAULT 'PARKED' NOT NULL;
ALTER TABLE parked_event ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
-- the authenticated subject (development mode: the X-Actor) who retried or skipped it
ALTER TABLE parked_event ADD COLUMN resolved_by TEXT;
-- a retry's outcome (APPLIED, DUPLICATE) or the reason given for a skip
ALTER TABLE parked_event ADD COLUMN resolution_reason TEXT;
CREATE INDEX parked_event_by_status ON parked_event (status, kind, parked_at);
