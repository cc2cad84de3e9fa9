-- Confidential data encrypted per service (README "Confidential data encrypted").
-- Additive: two new tables; an old node ignores them during a rolling deploy (and keeps writing
-- confidential values in clear, which the next start of a new node seals: see master_key_check).

-- Each service's data key (AES-256), wrapped (AES-GCM) by the platform's master key, which never
-- enters the database. Deleting the row destroys the key: the service's sealed values can no
-- longer be opened, in the database or in any copy of its rows (crypto-shredding).
CREATE TABLE service_data_keys (
    tenant_id    BIGINT        NOT NULL,
    wrapped_key  VARBINARY(96) NOT NULL,
    created_at   DATETIME(6)   NOT NULL,
    rewrapped_at DATETIME(6)   NULL,
    PRIMARY KEY (tenant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row: a known text sealed by the master key, so that a node started with another key
-- refuses to start before it changes anything; and when the confidential values stored in clear
-- before this migration were sealed (NULL until a node's first start has done it).
CREATE TABLE master_key_check (
    id               TINYINT       NOT NULL,
    sealed_check     VARBINARY(96) NOT NULL,
    created_at       DATETIME(6)   NOT NULL,
    rotated_at       DATETIME(6)   NULL,
    legacy_sealed_at DATETIME(6)   NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
