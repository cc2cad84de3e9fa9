package org.dossier.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * JSON lines: one case file per line, {@code {"id", "form_version", "phase", "created_at",
 * "updated_at", "data"}}, the data as stored (masked for the reader), so that nothing is
 * flattened away and any version's fields come as they are. In an export with files, each line
 * also has {@code files}, the entries of its files in the ZIP.
 */
final class JsonLinesExportWriter {
    private JsonLinesExportWriter() {}

    /** @param withFiles whether each line lists its files ({@code files}: id, field, name, path in the ZIP, …) */
    static long write(ObjectMapper json, ExportSource source, OutputStream out, boolean withFiles) throws IOException {
        JsonGenerator generator = json.getFactory().createGenerator(out);
        // The response is not ours to close: each line is written, the stream is flushed at the end.
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        long count;
        try {
            count = source.forEach(record -> {
                try {
                    generator.writeStartObject();
                    generator.writeStringField(ExportHeadings.ID, record.id().toString());
                    generator.writeNumberField(ExportHeadings.FORM_VERSION, record.formVersion());
                    generator.writeStringField(ExportHeadings.PHASE, record.phase().name().toLowerCase(Locale.ROOT));
                    generator.writeStringField(ExportHeadings.CREATED_AT, record.createdAt().toString());
                    generator.writeStringField(ExportHeadings.UPDATED_AT, record.updatedAt().toString());
                    generator.writeFieldName("data");
                    json.writeTree(generator, record.data());
                    if (withFiles) {
                        files(generator, record);
                    }
                    generator.writeEndObject();
                    generator.writeRaw('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        generator.flush();
        return count;
    }

    private static void files(JsonGenerator generator, ExportedRecord record) throws IOException {
        generator.writeArrayFieldStart("files");
        for (ExportedFile file : record.files()) {
            generator.writeStartObject();
            generator.writeStringField("id", file.attachment().id());
            generator.writeStringField("field", file.attachment().fieldPath());
            generator.writeStringField("name", file.attachment().fileName());
            generator.writeStringField("path", file.path());
            generator.writeStringField("content_type", file.attachment().contentType());
            generator.writeNumberField("size", file.attachment().size());
            generator.writeStringField("sha256", file.attachment().sha256());
            generator.writeEndObject();
        }
        generator.writeEndArray();
    }
}
