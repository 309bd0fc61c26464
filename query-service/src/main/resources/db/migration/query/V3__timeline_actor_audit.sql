-- Who acted, as authentication established it: the token's subject (a person or team account) and role
-- (facilitator, party:<id>, observer). Shown to the facilitator only. NULL for events recorded without them
-- (before authentication, or in development mode).
ALTER TABLE timeline_entry ADD COLUMN actor_subject TEXT;
ALTER TABLE timeline_entry ADD COLUMN actor_role TEXT;
