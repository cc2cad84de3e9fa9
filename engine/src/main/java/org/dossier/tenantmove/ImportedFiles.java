package org.dossier.tenantmove;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dossier.attachment.AttachmentStore;
import org.dossier.attachment.ObjectKey;
import org.dossier.tenant.TenantId;

/**
 * The attachments' bytes of an import, written to the store before the rows commit and removed
 * again when they do not: the store is no part of the database's transaction, so the import keeps
 * the list of what it wrote. An object already under a key refuses the import (never overwritten).
 */
final class ImportedFiles {
    private final AttachmentStore store;
    private final ObjectMapper json;
    private final List<ObjectKey> written = new ArrayList<>();

    ImportedFiles(AttachmentStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** Writes every attachment of the archive under the service's new key. @return how many */
    long write(ArchiveReader archive, TenantId tenantId, Consumer<String> progress) throws IOException {
        long started = System.nanoTime();
        String table = ArchiveManifest.tableEntry("attachments");
        if (!archive.has(table)) {
            return 0;
        }
        List<String[]> files = new ArrayList<>();
        archive.eachLine(table, json, row -> files.add(new String[] {row.get("id").asText(), row.get("content_type").asText()}));
        long bytes = 0;
        for (String[] file : files) {
            ObjectKey key = new ObjectKey(tenantId, file[0]);
            String entry = ArchiveManifest.ATTACHMENTS + file[0];
            if (store.exists(key)) {
                throw new TenantMoveRefusedException("attachmentExists", "the store holds an object under " + key.path()
                        + " already; nothing was imported");
            }
            written.add(key);
            try (InputStream in = archive.open(entry)) {
                store.put(key, in, archive.size(entry), file[1]);
            }
            bytes += archive.size(entry);
        }
        progress.accept(String.format(java.util.Locale.ROOT, "attachments: %d file(s), %.1f MB written to %s, %.1f s",
                files.size(), bytes / 1e6, store.describe(), (System.nanoTime() - started) / 1e9));
        return files.size();
    }

    /** Removes every object written so far: the import did not commit. */
    void removeAll(Consumer<String> progress) {
        int removed = 0;
        for (ObjectKey key : written) {
            try {
                store.delete(key);
                removed++;
            } catch (IOException | RuntimeException e) {
                progress.accept("could not remove " + key.path() + " after the failed import: " + e.getMessage());
            }
        }
        if (!written.isEmpty()) {
            progress.accept("import undone: " + removed + " attachment file(s) removed again");
        }
    }

}
