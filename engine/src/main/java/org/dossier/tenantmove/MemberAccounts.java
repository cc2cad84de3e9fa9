package org.dossier.tenantmove;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The archive's accounts matched to the target's by e-mail. An absent account is created under its
 * source id when that id is free (so an archive loaded into an empty installation keeps its ids),
 * else under a new one, with no usable password: the archive holds no password hash, a credential
 * of the installation rather than of the service (and, for people of several services, one another
 * service's admin should never carry away). Such a person signs in once given a one-time password:
 * on request the import draws one per created account, to be handed over as an invitation's is.
 */
final class MemberAccounts {
    /** A stored hash no password verifies against: verification accepts only Argon2 hashes. */
    static final String NO_PASSWORD = "!imported:no-password";

    private final Handle handle;
    private final boolean oneTimePasswords;
    private final Map<Long, Long> ids = new HashMap<>();
    private final java.util.List<OneTimePassword> handedOut = new java.util.ArrayList<>();
    private final java.util.List<Long> createdIds = new java.util.ArrayList<>();
    private long matched;
    private long created;

    /** @param oneTimePasswords whether each created account gets a one-time password rather than none */
    MemberAccounts(Handle handle, boolean oneTimePasswords) {
        this.handle = handle;
        this.oneTimePasswords = oneTimePasswords;
    }

    void load(ArchiveReader archive, com.fasterxml.jackson.databind.ObjectMapper json, Instant now) throws IOException {
        archive.eachLine(ArchiveManifest.MEMBERS_ENTRY, json, member -> ids.put(member.get("id").asLong(), match(member, now)));
    }

    private long match(JsonNode member, Instant now) {
        String email = member.get("email").asText();
        Optional<Long> existing = handle.createQuery("SELECT id FROM users WHERE email = :email")
                .bind("email", email).mapTo(Long.class).findOne();
        if (existing.isPresent()) {
            matched++;
            return existing.get();
        }
        long sourceId = member.get("id").asLong();
        boolean idFree = handle.createQuery("SELECT COUNT(*) FROM users WHERE id = :id").bind("id", sourceId)
                .mapTo(Long.class).one() == 0;
        created++;
        String hash = NO_PASSWORD;
        if (oneTimePasswords) {
            String password = org.dossier.account.Secrets.password(16);
            hash = new org.dossier.account.PasswordHasher().hash(password);
            handedOut.add(new OneTimePassword(email, password));
        }
        var insert = handle.createUpdate("INSERT INTO users (" + (idFree ? "id, " : "") + """
                        email, display_name, password_hash, super_admin, must_change_password, created_at, password_changed_at)
                        VALUES (""" + (idFree ? ":id, " : "") + """
                        :email, :displayName, :hash, FALSE, TRUE, :createdAt, :now)
                        """)
                .bind("email", email).bind("displayName", member.get("display_name").asText())
                .bind("hash", hash).bind("createdAt", LocalDateTime.parse(member.get("created_at").asText()))
                .bind("now", now);
        long id;
        if (idFree) {
            insert.bind("id", sourceId).execute();
            id = sourceId;
        } else {
            id = insert.executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        }
        createdIds.add(id);
        return id;
    }

    /** The target's id of a source account. */
    long target(long sourceUserId) {
        Long id = ids.get(sourceUserId);
        if (id == null) {
            throw new TenantMoveRefusedException("checksumFailed", "a row names account " + sourceUserId
                    + ", which the archive's members do not hold; nothing was imported");
        }
        return id;
    }

    boolean sameIds() {
        return ids.entrySet().stream().allMatch(entry -> entry.getKey().equals(entry.getValue()));
    }

    java.util.List<OneTimePassword> oneTimePasswords() {
        return java.util.List.copyOf(handedOut);
    }

    /** The ids of the accounts created here, for the platform log's {@code account.created}. */
    java.util.List<Long> createdIds() {
        return java.util.List.copyOf(createdIds);
    }

    long matched() {
        return matched;
    }

    long created() {
        return created;
    }

    /** Each created account's id, for the platform log. */
    Map<Long, Long> mapping() {
        return Map.copyOf(ids);
    }
}
