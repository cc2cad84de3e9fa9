package org.dossier.accessrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dossier.attachment.Attachment;
import org.dossier.attachment.AttachmentService;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.dossier.form.CompiledForm;
import org.dossier.form.ConfidentialFields;
import org.dossier.form.FormService;
import org.dossier.history.ChangeDiff;
import org.dossier.history.ChangeEntry;
import org.dossier.history.FieldChange;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.record.RecordService;
import org.dossier.retention.RecordArchive;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/**
 * What a service holds on the person of one case file, for their access request (Art. 15) and its
 * portable copy (Art. 20): every value stored (fields the form hides today included: the service
 * still holds them), its history of changes, the audit trail of who read and changed it (the
 * recipients), and where it stands in the retention lifecycle. Confidential values only for a
 * caller holding the grant. Each export is an audit event, {@code record.access.exported}.
 */
public final class AccessExport {
    private static final String TARGET = "record";

    private final Jdbi jdbi;
    private final RecordService records;
    private final FormService forms;
    private final RecordArchive archive;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final AttachmentService attachments;

    public AccessExport(Jdbi jdbi, RecordService records, FormService forms, RecordArchive archive, AuditLog audit,
                        ObjectMapper json, Clock clock) {
        this(jdbi, records, forms, archive, audit, json, clock, null);
    }

    /** @param attachments lists the case file's files in the export (null: a service without attachments) */
    public AccessExport(Jdbi jdbi, RecordService records, FormService forms, RecordArchive archive, AuditLog audit,
                        ObjectMapper json, Clock clock, AttachmentService attachments) {
        this.attachments = attachments;
        this.jdbi = jdbi;
        this.records = records;
        this.forms = forms;
        this.archive = archive;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * One event of the case file's audit trail: who did what to it, and when. Not from where: the
     * address of a member's computer is theirs, not the person's data.
     */
    public record TrailEvent(Instant at, String actor, String action) {}

    /**
     * The export of one case file.
     *
     * @param record               the case file, its data as {@code data}
     * @param data                 the stored data, confidential values left out without the grant
     * @param fields               every value of {@code data} by pointer (as {@link FieldChange#after})
     * @param history              its saves, newest first, confidential values masked without the grant
     * @param trail                its audit events, oldest first
     * @param confidentialIncluded whether the caller holds the grant, so that confidential values are in
     * @param confidentialWithheld whether the case file holds confidential values this export leaves out
     * @param attachments          its files (name, size, type, SHA-256), those of confidential fields only with the grant
     */
    public record Export(CaseRecord record, CompiledForm form, JsonNode data, List<FieldChange> fields,
                         List<ChangeEntry> history, List<TrailEvent> trail, RecordArchive.Standing standing,
                         boolean confidentialIncluded, boolean confidentialWithheld, Instant producedAt,
                         String producedBy, List<Attachment> attachments) {}

    /**
     * Builds the export and audits it.
     *
     * @param format what the caller receives ({@code html} or {@code json}), kept in the audit event
     * @throws org.dossier.record.NoSuchRecordException when the service has no such case file
     */
    public Export export(TenantId tenantId, RecordId id, Actor caller, boolean confidentialGrant, String format) {
        CaseRecord record = records.get(tenantId, id);
        CompiledForm form = forms.latest(tenantId, record.formKey());
        RecordArchive.Standing standing = archive.standing(tenantId, id);
        JsonNode all = ConfidentialFields.withoutRowIds(record.data());
        List<FieldChange> everything = ChangeDiff.between(form.effectiveSchema(), null, all);
        boolean holdsConfidential = everything.stream().anyMatch(FieldChange::confidential);
        JsonNode data = confidentialGrant ? all : withoutConfidential(form.effectiveSchema(), all);
        List<FieldChange> fields = everything.stream().filter(field -> confidentialGrant || !field.confidential())
                .toList();
        List<ChangeEntry> history = records.history().all(tenantId, id, confidentialGrant);
        List<TrailEvent> trail = trail(tenantId, id);
        Instant now = clock.instant();
        boolean reveals = confidentialGrant && (holdsConfidential
                || history.stream().anyMatch(ChangeEntry::revealsConfidential));
        jdbi.useTransaction(handle -> {
            ObjectNode details = json.createObjectNode().put("form", record.formKey())
                    .put("schemaVersion", record.schemaVersion()).put("version", record.lockVersion())
                    .put("format", format).put("confidential", reveals);
            audit.record(handle, tenantId, caller, "record.access.exported", TARGET, id.toString(), details);
            if (reveals) { // the rule of every read that shows a confidential value
                audit.record(handle, tenantId, caller, "record.confidential.read", TARGET, id.toString(),
                        details.deepCopy().put("from", "access"));
            }
        });
        CaseRecord shown = new CaseRecord(tenantId, id, record.formKey(), record.schemaVersion(), data,
                record.lockVersion(), record.createdAt(), record.createdBy(), record.updatedAt(), record.updatedBy());
        List<Attachment> files = attachments == null ? List.of()
                : attachments.visible(tenantId, id, form.confidential().pointers(), confidentialGrant);
        return new Export(shown, form, data, fields, history, trail, standing, confidentialGrant,
                !confidentialGrant && holdsConfidential, now, caller.id(), files);
    }

    private List<TrailEvent> trail(TenantId tenantId, RecordId id) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT occurred_at, actor, action FROM audit_events
                         WHERE tenant_id = :tenantId AND target_type = 'record' AND target_id = :id
                         ORDER BY occurred_at, id
                        """)
                .bind("tenantId", tenantId).bind("id", id.toString())
                .map((rs, ctx) -> new TrailEvent(rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                        rs.getString("action")))
                .list());
    }

    /** A copy of {@code data} without the values of {@code x-confidential} properties, at any depth. */
    static JsonNode withoutConfidential(JsonNode schema, JsonNode data) {
        if (data instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode fieldSchema = schema.path("properties").path(field.getKey());
                if (!fieldSchema.path("x-confidential").asBoolean(false)) {
                    copy.set(field.getKey(), withoutConfidential(fieldSchema, field.getValue()));
                }
            }
            return copy;
        }
        if (data instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            for (JsonNode item : array) {
                copy.add(withoutConfidential(schema.path("items"), item));
            }
            return copy;
        }
        return data;
    }
}
