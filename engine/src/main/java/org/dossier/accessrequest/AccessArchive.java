package org.dossier.accessrequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dossier.attachment.Attachment;
import org.dossier.attachment.AttachmentService;
import org.dossier.export.ExportedFile;

/**
 * The access export as one ZIP: the JSON document ({@link AccessExportJson}) at the root and the
 * bytes of every file it lists under {@code pieces/<attachment id>-<name>}, each entry of the
 * document's {@code attachments} naming its file by that {@code path}. The files are exactly those
 * the document lists: the export's own masking (a confidential field's files only for a caller
 * holding the grant) applies to the bytes as to the values. Written straight to the caller's
 * stream, one file after the other.
 */
public final class AccessArchive {
    private final AttachmentService attachments;

    public AccessArchive(AttachmentService attachments) {
        this.attachments = attachments;
    }

    /** The name of the JSON document in the ZIP. */
    public static String documentName(AccessExport.Export export) {
        return "acces-" + export.record().id() + ".json";
    }

    /**
     * Writes the ZIP to {@code out}, finished but left open; answers how many files went.
     *
     * @param document the JSON document of {@code export}; its {@code attachments} entries get their path
     */
    public int write(AccessExport.Export export, ObjectNode document, OutputStream out) throws IOException {
        Map<String, String> paths = new HashMap<>();
        export.attachments().forEach(file -> paths.put(file.id(), path(file)));
        for (JsonNode entry : document.path("attachments")) {
            ((ObjectNode) entry).put("path", paths.get(entry.path("id").asText()));
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry(documentName(export)));
        zip.write(document.toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
        for (Attachment file : export.attachments()) {
            try (InputStream bytes = attachments.open(file)) {
                zip.putNextEntry(new ZipEntry(paths.get(file.id())));
                bytes.transferTo(zip);
                zip.closeEntry();
            }
        }
        zip.finish();
        zip.flush();
        return export.attachments().size();
    }

    private static String path(Attachment file) {
        return ExportedFile.FOLDER + "/" + file.id() + "-" + ExportedFile.sanitised(file.fileName());
    }
}
