package org.dossier.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads back what the exports write (CSV, JSON lines, ZIP), so the tests compare them with what is stored. */
public final class ExportedFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportedFiles() {}

    /** The rows of an exported CSV, header first; the file must start with its UTF-8 BOM. */
    public static List<CSVRecord> csv(byte[] body) throws IOException {
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        return CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(text)).getRecords();
    }

    /** The data rows of a CSV (header skipped) by their first column, the case file's id. */
    public static Map<String, CSVRecord> byId(List<CSVRecord> rows) {
        Map<String, CSVRecord> byId = new HashMap<>();
        rows.subList(1, rows.size()).forEach(row -> byId.put(row.get(0), row));
        return byId;
    }

    /** The lines of a JSON lines file by their {@code id}. */
    public static Map<String, JsonNode> jsonLines(byte[] body) throws IOException {
        Map<String, JsonNode> lines = new HashMap<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                lines.put(node.get("id").asText(), node);
            }
        }
        return lines;
    }

    /** The entries of a ZIP, in order, with their bytes. */
    public static Map<String, byte[]> unzip(byte[] body) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }
}
