-- Idempotent creation: the first answer to an Idempotency-Key sent with an API POST that creates
-- something, kept a day per service and key, so that a client retrying after a broken connection
-- gets that answer again instead of creating a second case file. request_hash (method, path,
-- caller and body) tells a retry from another request reusing the key. status 0 marks a request
-- still in progress. The answer holds ids and versions only, no personal data. Purged hourly by the
-- scheduler (idempotency/IdempotencyPurge); emptied with the service. Additive.
CREATE TABLE idempotency_keys (
    tenant_id        BIGINT        NOT NULL,
    idempotency_key  VARCHAR(255)  NOT NULL,
    request_hash     CHAR(64)      NOT NULL,
    status           INT           NOT NULL,
    location         VARCHAR(512)  NULL,
    body             MEDIUMTEXT    NULL,
    created_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (tenant_id, idempotency_key),
    KEY idempotency_keys_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
