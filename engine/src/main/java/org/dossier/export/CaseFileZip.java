package org.dossier.export;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dossier.attachment.Attachment;
import org.dossier.attachment.AttachmentService;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;

/**
 * An export with its files: one ZIP written straight to the caller's stream, the data file at its
 * root, then each file the reader may see under {@code pieces/<case file id>/<attachment id>-<name>}.
 * A file goes only where the masked data still names it, so the data's masking is the files' one:
 * a confidential field's files only with the grant, an archived case file's only when archived ones
 * are asked for. The rows name their files by that path: in CSV and XLSX the file field holds the
 * paths in place of the ids, in JSON lines a {@code files} member lists them beside the data as stored.
 *
 * <p>A ZIP is written one entry after the other, so the data file is one pass over the source and
 * the files a second: nothing is held between them, memory stays flat whatever the count. A case
 * file saved between the two passes may see its files follow its new data; the files are those
 * its row names when the second pass reads it.
 */
final class CaseFileZip {
    /** How many case files share one query for their files. */
    static final int PAGE = 500;

    private final AttachmentService attachments;
    private final TenantId tenantId;
    private final boolean formHasFiles;

    /** @param formHasFiles whether any exported version has a file field (none: no lookup per case file) */
    CaseFileZip(AttachmentService attachments, TenantId tenantId, boolean formHasFiles) {
        this.attachments = attachments;
        this.tenantId = tenantId;
        this.formHasFiles = formHasFiles;
    }

    /** The outcome: the case files in the data file and the files that went with them. */
    record Written(long records, long files) {}

    /**
     * The source with each case file's files ({@link ExportedRecord#files()}): those its masked data
     * still names. Read a page of {@link #PAGE} case files at a time, so that the files of a page
     * come from one query, and memory holds one page, whatever the count.
     */
    ExportSource withFiles(ExportSource source) {
        if (!formHasFiles) {
            return source;
        }
        return each -> {
            List<ExportedRecord> page = new ArrayList<>(PAGE);
            long count = source.forEach(record -> {
                page.add(record);
                if (page.size() == PAGE) {
                    handOn(page, each);
                }
            });
            handOn(page, each);
            return count;
        };
    }

    private void handOn(List<ExportedRecord> page, java.util.function.Consumer<ExportedRecord> each) {
        Map<RecordId, List<Attachment>> files = attachments.ofRecords(tenantId,
                page.stream().map(ExportedRecord::id).toList());
        for (ExportedRecord record : page) {
            List<Attachment> ofRecord = files.getOrDefault(record.id(), List.of());
            each.accept(record.withFiles(record.data(), visibleFiles(record, ofRecord)));
        }
        page.clear();
    }

    /**
     * Writes the ZIP from a source whose case files carry their files ({@link #withFiles});
     * {@code data} writes the data file of the chosen format from the source it is given.
     * The stream is finished, not closed: it is the caller's.
     *
     * @param filesSoFar told of each file once its bytes are written, for the audit of a broken export
     */
    Written write(ExportFormat format, String dataName, DataWriter data, ExportSource source, OutputStream out,
                  Runnable filesSoFar) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(new Unclosable(out));
        zip.putNextEntry(new ZipEntry(dataName));
        long records = data.write(each -> source.forEach(record -> each.accept(referenced(record, format))),
                new Unclosable(zip));
        zip.closeEntry();
        long[] files = {0};
        try {
            source.forEach(record -> {
                for (ExportedFile file : record.files()) {
                    copy(zip, file);
                    files[0]++;
                    filesSoFar.run();
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        zip.finish();
        zip.flush();
        return new Written(records, files[0]);
    }

    /** Writes the data file from a source, to a stream it must not close. */
    @FunctionalInterface
    interface DataWriter {
        long write(ExportSource source, OutputStream out) throws IOException;
    }

    private void copy(ZipOutputStream zip, ExportedFile file) {
        try (InputStream bytes = attachments.open(file.attachment())) {
            zip.putNextEntry(new ZipEntry(file.path()));
            bytes.transferTo(zip);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record's files named in its data by their paths (CSV, XLSX), or listed beside it as stored (JSON lines). */
    static ExportedRecord referenced(ExportedRecord record, ExportFormat format) {
        if (record.files().isEmpty() || format == ExportFormat.JSONL) {
            return record;
        }
        JsonNode data = record.data().deepCopy();
        for (ExportedFile file : record.files()) {
            replace(data, file.attachment().fieldPath(), file.attachment().id(), file.path());
        }
        return record.withFiles(data, record.files());
    }

    /** The files of the case file whose id its masked data still names, in their field. */
    private static List<ExportedFile> visibleFiles(ExportedRecord record, List<Attachment> attachments) {
        List<ExportedFile> files = new ArrayList<>();
        for (Attachment attachment : attachments) {
            if (names(record.data().at(attachment.fieldPath()), attachment.id())) {
                files.add(ExportedFile.of(record.id(), attachment));
            }
        }
        return files;
    }

    private static boolean names(JsonNode value, String id) {
        if (value.isTextual()) {
            return value.asText().equals(id);
        }
        for (JsonNode item : value) {
            if (item.isTextual() && item.asText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static void replace(JsonNode data, String fieldPath, String id, String path) {
        JsonPointer pointer = JsonPointer.compile(fieldPath);
        JsonNode value = data.at(pointer);
        if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).asText().equals(id)) {
                    array.set(i, TextNode.valueOf(path));
                }
            }
        } else if (data.at(pointer.head()) instanceof ObjectNode parent) {
            parent.put(pointer.last().getMatchingProperty(), path);
        }
    }

    /** The caller's stream, kept open when a writer closes what it was given. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
