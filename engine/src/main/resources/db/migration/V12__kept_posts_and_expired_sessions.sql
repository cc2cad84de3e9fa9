-- Work kept when a session expires (README "Work kept when a session expires").
-- Both tables are new: an old node ignores them during a rolling deploy.

-- What is left of a session that ended by timing out (not by logout or a password change),
-- for a few hours: enough to know whose form arrives after it expired. Only the digest of the
-- session id is stored, as in `sessions`; the CSRF token lets a late post prove it came from
-- that person's own page. It signs nobody in.
CREATE TABLE expired_sessions (
    id_hash    BINARY(32)  NOT NULL,
    user_id    BIGINT      NOT NULL,
    csrf_token VARCHAR(64) NOT NULL,
    expired_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id_hash),
    KEY expired_sessions_by_time (expired_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A page post that arrived on an expired session: its fields as posted (JSON), the page to
-- show them again on, bound to the person and to the browser (a random key in a cookie, stored
-- as its SHA-256). Restored at most once, purged after expires_at.
CREATE TABLE kept_posts (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    browser_key BINARY(32)    NOT NULL,
    user_id     BIGINT        NOT NULL,
    tenant_id   BIGINT        NOT NULL,
    page_path   VARCHAR(512)  NOT NULL,
    post_path   VARCHAR(512)  NOT NULL,
    fields      MEDIUMTEXT    NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    expires_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY kept_posts_by_browser (browser_key, user_id),
    KEY kept_posts_by_expiry (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
