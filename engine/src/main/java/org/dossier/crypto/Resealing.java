package org.dossier.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Base64;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;

/**
 * Sealed values moved to another service id: each is bound to its service (and case file or
 * context) by the associated data of its sealing, so a service imported under a new id opens
 * every value with its old key and context and seals it again with its new ones. Values that were
 * not sealed are left as they are.
 */
public final class Resealing {
    private final MovedServiceKey fromKey;
    private final TenantId from;
    private final MovedServiceKey toKey;
    private final TenantId to;

    public Resealing(MovedServiceKey fromKey, TenantId from, MovedServiceKey toKey, TenantId to) {
        this.fromKey = fromKey;
        this.from = from;
        this.toKey = toKey;
        this.to = to;
    }

    /** A case file's stored data (a copy; the argument is left untouched). */
    public JsonNode record(RecordId recordId, JsonNode stored) {
        return SealedJson.open(stored, sealed -> TextNode.valueOf(reseal(sealed,
                ConfidentialCipher.recordContext(from, recordId), ConfidentialCipher.recordContext(to, recordId))));
    }

    /** Stored JSON whose sealed strings were sealed as text of one context (a case file's history entry). */
    public JsonNode text(String context, JsonNode stored) {
        return SealedJson.open(stored, sealed -> TextNode.valueOf(text(context, context, sealed)));
    }

    /** One sealed text, bound to {@code fromContext} in the old service and to {@code toContext} in the new one. */
    public String text(String fromContext, String toContext, String sealed) {
        return reseal(sealed, ConfidentialCipher.otherContext(from, fromContext), ConfidentialCipher.otherContext(to, toContext));
    }

    private String reseal(String sealed, byte[] fromContext, byte[] toContext) {
        if (!ConfidentialCipher.isSealed(sealed)) {
            return sealed;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(ConfidentialCipher.PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealedValueException("a sealed value is not base64");
        }
        byte[] plain = Aead.open(fromKey.key(), bytes, fromContext);
        return ConfidentialCipher.PREFIX + Base64.getEncoder().withoutPadding().encodeToString(Aead.seal(toKey.key(), plain, toContext));
    }
}
