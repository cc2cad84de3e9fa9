-- Tamper-evident audit log. Every event is a link of its service's hash chain (platform events,
-- tenant 0, form their own): `seq` is its place in the chain, `prev_hash` the hash of the event
-- before it, `hash` its own over a canonical form of its content (see audit/AuditChain). Fields
-- that may hold personal data (actor, target id, client address, each key of the details) enter
-- the hash as salted digests; `salt` derives their salts, and `redaction` keeps, for a field the
-- product removed on purpose, its digest (and the salts of the fields left), so that the event
-- still verifies. Existing events are chained by the Java migration 18.1 that follows.
ALTER TABLE audit_events
    ADD COLUMN seq       BIGINT     NULL,
    ADD COLUMN prev_hash BINARY(32) NULL,
    ADD COLUMN hash      BINARY(32) NULL,
    ADD COLUMN salt      BINARY(16) NULL,
    ADD COLUMN redaction JSON       NULL,
    ADD UNIQUE KEY audit_chain (tenant_id, seq);

-- The head of each chain: its length and last hash. A writer locks its service's row FOR UPDATE
-- until commit, so that concurrent writers, on one node or several, append one after the other.
CREATE TABLE audit_chain_heads (
    tenant_id BIGINT     NOT NULL,
    seq       BIGINT     NOT NULL,
    hash      BINARY(32) NOT NULL,
    PRIMARY KEY (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
