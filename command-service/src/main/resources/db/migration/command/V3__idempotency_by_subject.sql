-- Idempotency-Key answers are kept per authenticated subject (a token's "sub", up to 255 characters in OpenID
-- Connect), no longer per party id.
ALTER TABLE idempotency_record ALTER COLUMN actor SET DATA TYPE VARCHAR(255);
