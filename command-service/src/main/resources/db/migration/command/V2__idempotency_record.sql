-- The first answer to each Idempotency-Key, per actor. It is written in the same transaction as the command's
-- events, so a request either appended its events and recorded its answer, or did neither; the primary key makes
-- a second, concurrent request with the same key fail and roll back its events.
-- (The key column is not called "key": that is a reserved word in H2.)
CREATE TABLE idempotency_record (
    actor           VARCHAR(64)              NOT NULL,
    idempotency_key VARCHAR(128)             NOT NULL,
    request_hash    VARCHAR(64)              NOT NULL,
    status          INTEGER                  NOT NULL,
    response_body   VARCHAR(8000)            NOT NULL,
    headers         VARCHAR(4000)            NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (actor, idempotency_key)
);

CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);
