package org.dossier.tenantmove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.dossier.crypto.ConfidentialCipher;
import org.dossier.crypto.KeptPostContext;
import org.dossier.crypto.MasterKey;
import org.dossier.crypto.MovedServiceKey;
import org.dossier.crypto.Resealing;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * A row of the archive made a row of the target: its service id, its accounts' ids, and, when the
 * service changes id, its sealed values sealed again for the new id (their associated data names
 * the service). With the same ids everywhere, a row goes in exactly as it came out.
 */
final class RowTransform {
    private final Handle handle;
    private final ObjectMapper json;
    private final long fromTenant;
    private final long toTenant;
    private final MemberAccounts accounts;
    private final Optional<Keys> keys;
    private final Instant now;

    /** The service's key as exported, the key of the imported service, and the target's master key. */
    record Keys(MovedServiceKey source, MovedServiceKey target, MasterKey master) {}

    RowTransform(Handle handle, ObjectMapper json, long fromTenant, long toTenant, MemberAccounts accounts,
                 Optional<Keys> keys, Instant now) {
        this.handle = handle;
        this.json = json;
        this.fromTenant = fromTenant;
        this.toTenant = toTenant;
        this.accounts = accounts;
        this.keys = keys;
        this.now = now;
    }

    boolean moved() {
        return fromTenant != toTenant;
    }

    ObjectNode apply(String table, JsonNode source) throws java.io.IOException {
        ObjectNode row = (ObjectNode) source;
        if (row.has("tenant_id")) {
            row.put("tenant_id", toTenant);
        }
        switch (table) {
            case "memberships" -> row.put("user_id", accounts.target(row.get("user_id").asLong()));
            case "kept_posts" -> keptPost(row);
            case "records" -> {
                if (moved() && ConfidentialCipher.mayHoldSealed(row.get("data").asText())) {
                    row.put("data", resealing().record(recordId(row.get("id")), json.readTree(row.get("data").asText()))
                            .toString());
                }
            }
            case "record_changes" -> {
                if (moved() && ConfidentialCipher.mayHoldSealed(row.get("changes").asText())) {
                    row.put("changes", resealing().text("history:" + recordId(row.get("record_id")),
                            json.readTree(row.get("changes").asText())).toString());
                }
            }
            case "service_data_keys" -> dataKey(row);
            default -> { }
        }
        return row;
    }

    private void keptPost(ObjectNode row) {
        long fromUser = row.get("user_id").asLong();
        long toUser = accounts.target(fromUser);
        row.put("user_id", toUser);
        String page = row.get("page_path").asText();
        String fields = row.get("fields").asText();
        if ((moved() || fromUser != toUser) && ConfidentialCipher.isSealed(fields)) {
            row.put("fields", resealing().text(KeptPostContext.of(fromUser, page), KeptPostContext.of(toUser, page), fields));
        }
        long id = row.get("id").asLong();
        boolean idFree = handle.createQuery("SELECT /* all tenants */ COUNT(*) FROM kept_posts WHERE id = :id")
                .bind("id", id).mapTo(Long.class).one() == 0;
        if (!idFree) {
            row.putNull("id"); // a new id is drawn: kept posts are found by browser and page, never by id
        }
    }

    private void dataKey(ObjectNode row) {
        Keys known = keys.orElseThrow(() -> new TenantMoveRefusedException("checksumFailed",
                "the archive holds a data key row but no wrapped key; nothing was imported"));
        TenantId target = new TenantId(toTenant);
        byte[] stored = Base64.getDecoder().decode(row.get("wrapped_key").asText());
        if (!moved() && known.target().isWrappedAs(known.master(), target, stored)) {
            return; // the same installation's master key wrapped it: the row comes back as it was
        }
        row.put("wrapped_key", Base64.getEncoder().encodeToString(known.target().wrapFor(known.master(), target)));
        String at = LocalDateTime.ofInstant(now, ZoneOffset.UTC).toString();
        if (moved()) {
            row.put("created_at", at);
            row.putNull("rewrapped_at");
        } else {
            row.put("rewrapped_at", at);
        }
    }

    private Resealing resealing() {
        Keys known = keys.orElseThrow(() -> new TenantMoveRefusedException("checksumFailed",
                "the archive holds sealed values but no data key; nothing was imported"));
        return new Resealing(known.source(), new TenantId(fromTenant), known.target(), new TenantId(toTenant));
    }

    private static RecordId recordId(JsonNode base64) {
        return RecordId.fromBytes(Base64.getDecoder().decode(base64.asText()));
    }
}
