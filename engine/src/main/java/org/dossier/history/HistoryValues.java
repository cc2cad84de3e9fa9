package org.dossier.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;

/**
 * How the changes of one save are stored, and the one place a confidential field's old and new
 * values are sealed on the way in and opened on the way out.
 *
 * <p>Stored form: a JSON array, one object per changed field: {@code p} its pointer, {@code b} the
 * value before and {@code a} after (absent when there was none). A confidential field carries
 * {@code "c": true} and its values as the text {@link Seal#seal} made of their JSON; nothing else
 * in the history reads them, and a reader without the grant never has them opened.
 */
public final class HistoryValues {

    /**
     * Seals and opens a confidential value of one service. The service's cipher (AES-GCM under its
     * data key) is plugged in here; {@link #UNSEALED} only marks the values, for a platform built
     * without that cipher.
     */
    public interface Seal {
        String seal(TenantId tenantId, RecordId recordId, String clear);

        String open(TenantId tenantId, RecordId recordId, String sealed);
    }

    /**
     * Marks the values without sealing them, for a record service built without a cipher (unit
     * tests of the engine alone); the application always seals with the service's data key.
     */
    public static final Seal UNSEALED = new Seal() {
        private static final String PREFIX = "clear:";

        @Override
        public String seal(TenantId tenantId, RecordId recordId, String clear) {
            return PREFIX + clear;
        }

        @Override
        public String open(TenantId tenantId, RecordId recordId, String sealed) {
            if (!sealed.startsWith(PREFIX)) {
                throw new IllegalStateException("a sealed history value this platform cannot open");
            }
            return sealed.substring(PREFIX.length());
        }
    };

    private final ObjectMapper json;
    private final Seal seal;

    public HistoryValues(ObjectMapper json, Seal seal) {
        this.json = json;
        this.seal = seal;
    }

    /** The stored form of one save's changes. */
    public String encode(TenantId tenantId, RecordId recordId, List<FieldChange> changes) {
        ArrayNode stored = json.createArrayNode();
        for (FieldChange change : changes) {
            ObjectNode entry = stored.addObject().put("p", change.pointer());
            if (change.confidential()) {
                entry.put("c", true);
                change.before().ifPresent(value -> entry.put("b", seal.seal(tenantId, recordId, value.toString())));
                change.after().ifPresent(value -> entry.put("a", seal.seal(tenantId, recordId, value.toString())));
            } else {
                change.before().ifPresent(value -> entry.set("b", value));
                change.after().ifPresent(value -> entry.set("a", value));
            }
        }
        return stored.toString();
    }

    /**
     * One save's changes as stored.
     *
     * @param reveal whether the reader holds the confidential grant: without it a confidential
     *               field's values are not opened at all, and the change is {@link FieldChange#masked}
     *               (its before and after then a JSON null where there was a value, nothing where none)
     */
    public List<FieldChange> decode(TenantId tenantId, RecordId recordId, String stored, boolean reveal) {
        List<FieldChange> changes = new ArrayList<>();
        for (JsonNode entry : parse(stored)) {
            String pointer = entry.path("p").asText();
            boolean confidential = entry.path("c").asBoolean(false);
            if (confidential && !reveal) { // unopened: a null stands for a value, to say only whether there was one
                changes.add(new FieldChange(pointer, true, presence(entry.get("b")), presence(entry.get("a")), true));
            } else if (confidential) {
                changes.add(new FieldChange(pointer, true, opened(tenantId, recordId, entry.get("b")),
                        opened(tenantId, recordId, entry.get("a")), false));
            } else {
                changes.add(new FieldChange(pointer, false, Optional.ofNullable(entry.get("b")),
                        Optional.ofNullable(entry.get("a")), false));
            }
        }
        return List.copyOf(changes);
    }

    private static Optional<JsonNode> presence(JsonNode sealed) {
        return sealed == null ? Optional.empty() : Optional.of(com.fasterxml.jackson.databind.node.NullNode.getInstance());
    }

    private Optional<JsonNode> opened(TenantId tenantId, RecordId recordId, JsonNode sealed) {
        return sealed == null ? Optional.empty() : Optional.of(parse(seal.open(tenantId, recordId, sealed.asText())));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored history is not JSON", e);
        }
    }
}
