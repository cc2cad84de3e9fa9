-- Single sign-on: a login started at the identity provider and not yet come back. Kept in the
-- database (not in the node's memory) so that the callback may land on another node; the state is
-- stored only as a SHA-256, and a row is deleted when its callback uses it, so a state works once.
-- Rows live 10 minutes; expired ones are deleted when new logins start.
CREATE TABLE oidc_logins (
    state_hash    BINARY(32)    NOT NULL,
    nonce         VARCHAR(128)  NOT NULL,
    code_verifier VARCHAR(128)  NOT NULL,
    next_path     VARCHAR(2000) NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    expires_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (state_hash),
    KEY oidc_logins_by_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The ID token of a session opened by single sign-on, for the provider's logout (its
-- end_session_endpoint wants it as id_token_hint). Keyed by the session id's SHA-256, as sessions
-- are; deleted at logout, and left-over rows of sessions that ended otherwise at the next sign-on.
CREATE TABLE oidc_sessions (
    session_hash BINARY(32)  NOT NULL,
    id_token     TEXT        NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (session_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
