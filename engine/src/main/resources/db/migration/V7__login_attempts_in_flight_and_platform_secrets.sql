-- Login attempts whose password is being checked. An attempt is counted here before its password
-- is verified, so that concurrent guesses cannot all pass the check of a count that none of them
-- has yet raised; it then becomes a failure, or is dropped. Old nodes during a rolling deploy
-- leave the column at its default and count failures as before.
ALTER TABLE login_throttle ADD COLUMN pending INT NOT NULL DEFAULT 0;

-- Secrets that every app node must share, generated once by the first node that needs one
-- (INSERT IGNORE, so concurrent first starts agree): e.g. the key that signs the login form's
-- CSRF token, so that a token issued by one node is accepted by another.
CREATE TABLE platform_secrets (
    name       VARCHAR(64)   NOT NULL,
    secret     VARBINARY(64) NOT NULL,
    created_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
