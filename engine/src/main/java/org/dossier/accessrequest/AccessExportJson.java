package org.dossier.accessrequest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.dossier.history.ChangeEntry;
import org.dossier.history.FieldChange;
import org.dossier.history.FieldLabels;

/**
 * The machine-readable copy of an access export (Art. 20): the same content as the document, the
 * data both as stored (keys, for another system) and under its labels (for a person), dates in ISO 8601.
 */
public final class AccessExportJson {
    private final ObjectMapper json;

    public AccessExportJson(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param service the service's name, the controller of the data
     * @param row     how a row of a repeatable group is named in {@code locale} ("Ligne 2")
     */
    public ObjectNode of(AccessExport.Export export, String service, Locale locale, IntFunction<String> row) {
        FieldLabels labels = new FieldLabels(export.form().effectiveSchema(), locale);
        ObjectNode document = json.createObjectNode();
        document.put("service", service);
        document.put("producedAt", export.producedAt().toString());
        document.put("producedBy", export.producedBy());
        document.putObject("confidential").put("included", export.confidentialIncluded())
                .put("withheld", export.confidentialWithheld());
        document.putObject("caseFile").put("id", export.record().id().toString())
                .put("form", export.record().formKey()).put("formVersion", export.record().schemaVersion())
                .put("version", export.record().lockVersion())
                .put("createdAt", export.record().createdAt().toString()).put("createdBy", export.record().createdBy())
                .put("updatedAt", export.record().updatedAt().toString()).put("updatedBy", export.record().updatedBy());
        ObjectNode retention = document.putObject("retention");
        retention.put("phase", export.standing().phase().name())
                .put("lastActivity", export.standing().lastActivity().toString())
                .put("archivedOn", export.standing().archivedOn().toString())
                .put("deletedOn", export.standing().deletedOn().toString());
        export.standing().hold().ifPresentOrElse(hold -> retention.putObject("hold").put("reason", hold.reason())
                .put("placedBy", hold.placedBy()).put("placedAt", hold.placedAt().toString()),
                () -> retention.putNull("hold"));
        document.set("data", export.data());
        ArrayNode fields = document.putArray("fields");
        for (FieldChange field : export.fields()) {
            ObjectNode entry = fields.addObject().put("pointer", field.pointer())
                    .put("label", label(labels, field.pointer(), row));
            entry.set("value", field.after().orElse(null));
        }
        ArrayNode history = document.putArray("history");
        for (ChangeEntry save : export.history()) {
            ObjectNode entry = history.addObject().put("version", save.lockVersion())
                    .put("at", save.changedAt().toString()).put("by", save.changedBy())
                    .put("formVersion", save.schemaVersion());
            ArrayNode changes = entry.putArray("changes");
            for (FieldChange change : save.changes()) {
                ObjectNode item = changes.addObject().put("pointer", change.pointer())
                        .put("label", label(labels, change.pointer(), row));
                if (change.masked()) {
                    item.put("masked", true);
                } else {
                    item.set("before", change.before().orElse(null));
                    item.set("after", change.after().orElse(null));
                }
            }
        }
        ArrayNode files = document.putArray("attachments");
        for (org.dossier.attachment.Attachment file : export.attachments()) {
            files.addObject().put("id", file.id()).put("field", file.fieldPath())
                    .put("label", label(labels, file.fieldPath(), row)).put("name", file.fileName())
                    .put("contentType", file.contentType()).put("size", file.size()).put("sha256", file.sha256())
                    .put("attachedAt", file.createdAt().toString());
        }
        ArrayNode trail = document.putArray("trail");
        for (AccessExport.TrailEvent event : export.trail()) {
            trail.addObject().put("at", event.at().toString()).put("actor", event.actor()).put("action", event.action());
        }
        return document;
    }

    private static String label(FieldLabels labels, String pointer, IntFunction<String> row) {
        List<String> path = labels.path(pointer, row);
        return String.join(" › ", path);
    }
}
