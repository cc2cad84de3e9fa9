package org.dossier.signon;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of {@code oidc_logins}, a platform table: a login belongs to no service until it succeeds. */
final class PendingLoginDao {
    private final Handle handle;

    PendingLoginDao(Handle handle) {
        this.handle = handle;
    }

    record Row(String nonce, String codeVerifier, String next) {}

    void insert(byte[] stateHash, String nonce, String codeVerifier, String next, Instant now, Instant expiresAt) {
        handle.createUpdate("""
                        INSERT INTO oidc_logins (state_hash, nonce, code_verifier, next_path, created_at, expires_at)
                        VALUES (:stateHash, :nonce, :codeVerifier, :next, :now, :expiresAt)
                        """)
                .bind("stateHash", stateHash).bind("nonce", nonce).bind("codeVerifier", codeVerifier)
                .bind("next", next).bind("now", now).bind("expiresAt", expiresAt)
                .execute();
    }

    /**
     * The row if it has not expired, locked, so that two callbacks with one state racing on two
     * nodes cannot both take it.
     */
    Optional<Row> lockLive(byte[] stateHash, Instant now) {
        return handle.createQuery("""
                        SELECT nonce, code_verifier, next_path
                        FROM oidc_logins WHERE state_hash = :stateHash AND expires_at > :now FOR UPDATE
                        """)
                .bind("stateHash", stateHash).bind("now", now)
                .map((rs, ctx) -> new Row(rs.getString("nonce"), rs.getString("code_verifier"),
                        rs.getString("next_path")))
                .findOne();
    }

    int delete(byte[] stateHash) {
        return handle.createUpdate("DELETE FROM oidc_logins WHERE state_hash = :stateHash")
                .bind("stateHash", stateHash).execute();
    }

    void deleteExpired(Instant now) {
        handle.createUpdate("DELETE FROM oidc_logins WHERE expires_at <= :now").bind("now", now).execute();
    }
}
