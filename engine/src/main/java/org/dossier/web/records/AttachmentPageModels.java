package org.dossier.web.records;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dossier.attachment.Attachment;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.dossier.web.UiText;

/** The typed models of what the case-file pages show of attachments. */
final class AttachmentPageModels {
    private AttachmentPageModels() {}

    /** Where the file fields of a case file's form link their files: {@code attachmentsUrl/<id>}; empty on a new one. */
    record Links(String attachmentsUrl) {
        static final Links NONE = new Links("");

        static Links of(Tenant tenant, RecordId id) {
            return new Links(AttachmentPageModels.attachmentsUrl(tenant, id));
        }
    }

    /** One file as listed: its name as given (escaped by the template), size, type and download link. */
    record FileRow(String name, String size, String contentType, String url) {}

    /** {@code record/attachments}: the files of the case file this member may see. */
    record Files(List<FileRow> attachments) {
        Files {
            attachments = List.copyOf(attachments);
        }
    }

    static Files files(Tenant tenant, RecordId id, List<Attachment> visible, Locale locale) {
        return new Files(visible.stream().map(attachment -> new FileRow(attachment.fileName(),
                size(attachment.size(), locale), typeLabel(attachment.contentType(), locale),
                attachmentsUrl(tenant, id) + "/" + attachment.id())).toList());
    }

    /** "Document PDF" rather than "application/pdf": the kind of document as people name it. */
    static String typeLabel(String contentType, Locale locale) {
        String key = "attachment.type." + contentType;
        String label = UiText.get(locale, key);
        return label.equals(key) ? contentType : label;
    }

    /** Attachment id → "name (size)", as file fields show them. */
    static Map<String, String> labels(List<Attachment> visible, Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        visible.forEach(attachment -> labels.put(attachment.id(),
                attachment.fileName() + " (" + size(attachment.size(), locale) + ")"));
        return labels;
    }

    static String attachmentsUrl(Tenant tenant, RecordId id) {
        return "/t/" + tenant.slug() + "/records/" + id + "/attachments";
    }

    /** 840 o, 12 Ko, 1,2 Mo (fr); 840 B, 12 KB, 1.2 MB (en). */
    static String size(long bytes, Locale locale) {
        if (bytes < 1024) {
            return UiText.get(locale, "attachment.size.bytes", bytes);
        }
        if (bytes < 1024 * 1024) {
            return UiText.get(locale, "attachment.size.kilobytes", Math.round(bytes / 1024.0));
        }
        return UiText.get(locale, "attachment.size.megabytes",
                String.format(locale, "%.1f", bytes / (1024.0 * 1024.0)));
    }
}
