package org.dossier.export;

import org.dossier.attachment.Attachment;
import org.dossier.record.RecordId;

/**
 * One file of an exported case file, with the path of its entry in the export's ZIP:
 * {@code pieces/<case file id>/<attachment id>-<sanitised name>}, the path its row names.
 */
public record ExportedFile(Attachment attachment, String path) {
    /** The folder of the files in the ZIP. */
    public static final String FOLDER = "pieces";
    private static final int MAX_NAME = 120;

    static ExportedFile of(RecordId recordId, Attachment attachment) {
        return new ExportedFile(attachment, FOLDER + "/" + recordId + "/" + attachment.id() + "-"
                + sanitised(attachment.fileName()));
    }

    /**
     * A name safe as the last segment of a ZIP entry on any system: letters (accented too), digits,
     * {@code . _ -} and spaces kept, anything else (separators, {@code ..}, control characters,
     * characters Windows refuses) replaced by {@code _}; never empty, never hidden, never too long.
     */
    public static String sanitised(String name) {
        String safe = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_").strip().replaceAll("^\\.+", "_");
        if (safe.isEmpty()) {
            safe = "fichier";
        }
        return safe.length() > MAX_NAME ? safe.substring(safe.length() - MAX_NAME) : safe;
    }
}
