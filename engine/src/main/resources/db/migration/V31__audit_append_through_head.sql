-- An audit event can be appended by the one statement that moves its chain's head: the writer sets
-- the head to the new event and, in these columns, the event itself; a trigger (Java migration
-- 31.1, audit/ChainAppendTrigger) inserts it into audit_events, linked to the head it replaced,
-- and empties the columns before the row is written, so the head never keeps an event. One round
-- trip instead of a locking read, an insert and an update; atomic even in autocommit.
-- Additive (expand): an older node never sets them, and the trigger does nothing for its updates.
ALTER TABLE audit_chain_heads
    ADD COLUMN next_id             BINARY(16)   NULL,
    ADD COLUMN next_occurred_at    DATETIME(6)  NULL,
    ADD COLUMN next_actor          VARCHAR(255) NULL,
    ADD COLUMN next_action         VARCHAR(64)  NULL,
    ADD COLUMN next_target_type    VARCHAR(32)  NULL,
    ADD COLUMN next_target_id      VARCHAR(64)  NULL,
    ADD COLUMN next_client_address VARCHAR(45)  NULL,
    ADD COLUMN next_details        JSON         NULL,
    ADD COLUMN next_salt           BINARY(16)   NULL;
