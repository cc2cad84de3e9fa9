-- Accounts, memberships, sessions, API tokens and login throttling.
-- users, sessions, api_tokens and login_throttle are platform tables (a person may belong to
-- several services); memberships is tenant-scoped and leads its primary key with tenant_id.

CREATE TABLE users (
    id                   BIGINT       NOT NULL AUTO_INCREMENT,
    email                VARCHAR(254) NOT NULL,
    display_name         VARCHAR(200) NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,
    super_admin          BOOLEAN      NOT NULL DEFAULT FALSE,
    must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at           DATETIME(6)  NOT NULL,
    password_changed_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY users_by_email (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per (service, person): the role in that service and the confidential grant.
CREATE TABLE memberships (
    tenant_id    BIGINT      NOT NULL,
    user_id      BIGINT      NOT NULL,
    role         VARCHAR(20) NOT NULL,
    confidential BOOLEAN     NOT NULL DEFAULT FALSE,
    active       BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at   DATETIME(6) NOT NULL,
    updated_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    KEY memberships_by_user (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Browser sessions, shared by every app node. Only a SHA-256 of the session id is stored.
CREATE TABLE sessions (
    id_hash        BINARY(32)  NOT NULL,
    user_id        BIGINT      NOT NULL,
    csrf_token     VARCHAR(64) NOT NULL,
    created_at     DATETIME(6) NOT NULL,
    last_seen_at   DATETIME(6) NOT NULL,
    client_address VARCHAR(64) NULL,
    PRIMARY KEY (id_hash),
    KEY sessions_by_user (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- API tokens: personal ones (named, revocable) and short-lived ones from /api/v1/auth/token.
-- Only a SHA-256 of the token is stored; the token itself is shown once.
CREATE TABLE api_tokens (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    user_id      BIGINT       NOT NULL,
    name         VARCHAR(100) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    token_hash   BINARY(32)   NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    expires_at   DATETIME(6)  NULL,
    last_used_at DATETIME(6)  NULL,
    revoked_at   DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY api_tokens_by_hash (token_hash),
    KEY api_tokens_by_user (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Consecutive login failures per account and per client address. Keys are SHA-256 digests
-- ('account:' + e-mail, 'address:' + IP), so the table holds no e-mail in clear.
CREATE TABLE login_throttle (
    throttle_key BINARY(32)  NOT NULL,
    failures     INT         NOT NULL,
    locked_until DATETIME(6) NULL,
    updated_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (throttle_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
