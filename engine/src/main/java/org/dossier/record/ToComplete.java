package org.dossier.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dossier.form.CompiledForm;
import org.dossier.form.ConfidentialFields;
import org.dossier.form.InvisibleFieldPruner;
import org.dossier.tenant.TenantId;
import org.dossier.validation.FieldError;
import org.dossier.validation.RecordValidator;
import org.jdbi.v3.core.Jdbi;

/**
 * A case file is "à compléter" ({@code records.to_complete}) when it lacks a field the latest
 * published version of its form requires, as the form shows it: a field a display condition
 * hides, a hidden field or one of a switched-off module does not count. The validator decides,
 * on the data pruned as a save would prune it, so the flag and a save never disagree.
 *
 * <p>Each save sets the flag ({@link RecordService}); a publication recomputes it here for the
 * service's existing case files. That is a loop in Java, not one SQL statement, because display
 * conditions are JSON Schemas that SQL cannot evaluate: bounded batches of {@link #BATCH} rows
 * in id order, each batch one short transaction that writes only the flags that change, and only
 * to rows not saved meanwhile (lock version unchanged).
 */
public final class ToComplete {
    static final int BATCH = 500;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final RecordValidator validator;
    private final InvisibleFieldPruner pruner;

    /** Stored data as read: sealed values opened. */
    @FunctionalInterface
    interface StoredData {
        JsonNode read(TenantId tenantId, RecordId id, String storedJson);
    }

    private final StoredData stored;

    public ToComplete(Jdbi jdbi, ObjectMapper json, RecordValidator validator, InvisibleFieldPruner pruner) {
        this(jdbi, json, validator, pruner, null);
    }

    ToComplete(Jdbi jdbi, ObjectMapper json, RecordValidator validator, InvisibleFieldPruner pruner, StoredData stored) {
        this.stored = stored;
        this.jdbi = jdbi;
        this.json = json;
        this.validator = validator;
        this.pruner = pruner;
    }

    /** The pointers of the required fields some stored data lacks, in form order. */
    public List<String> missing(CompiledForm form, JsonNode data) {
        JsonNode pruned = pruner.prune(form.effectiveSchema(), ConfidentialFields.withoutRowIds(data));
        return requiredErrors(validator.validate(form, pruned, Locale.FRENCH));
    }

    /** The pointers of the {@code required} errors among some. */
    static List<String> requiredErrors(List<FieldError> errors) {
        List<String> pointers = new ArrayList<>();
        for (FieldError error : errors) {
            if ("required".equals(error.code()) && !pointers.contains(error.path())) {
                pointers.add(error.path());
            }
        }
        return pointers;
    }

    /**
     * Recomputes the flag of every case file of a service's form against a version of it, the one
     * just published (named rather than asked for as "the latest", which a node may have cached
     * for a moment).
     *
     * @return how many flags changed
     */
    public int refresh(TenantId tenantId, CompiledForm form) {
        String formKey = form.formKey();
        int changed = 0;
        RecordId after = null;
        while (true) {
            RecordId from = after;
            List<RecordDao.FlagRow> batch = jdbi.withHandle(handle -> new RecordDao(handle).flagBatch(tenantId, formKey,
                    from, BATCH));
            if (batch.isEmpty()) {
                return changed;
            }
            List<RecordDao.FlagRow> nowTrue = new ArrayList<>();
            List<RecordDao.FlagRow> nowFalse = new ArrayList<>();
            for (RecordDao.FlagRow row : batch) {
                boolean lacks = !missing(form, stored == null ? parse(row.data()) : stored.read(tenantId, row.id(), row.data()))
                        .isEmpty();
                if (lacks != row.toComplete()) {
                    (lacks ? nowTrue : nowFalse).add(row);
                }
            }
            jdbi.useTransaction(handle -> {
                new RecordDao(handle).setToComplete(tenantId, nowTrue, true);
                new RecordDao(handle).setToComplete(tenantId, nowFalse, false);
            });
            changed += nowTrue.size() + nowFalse.size();
            after = batch.get(batch.size() - 1).id();
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored record data is not JSON", e);
        }
    }
}
