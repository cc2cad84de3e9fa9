package org.dossier.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV as French offices open it, like the statistics files: UTF-8 with a byte-order mark, {@code ;}
 * between fields, CRLF, RFC 4180 quoting (Commons CSV), every value neutralised against formula
 * injection. One header row of stable keys, so that the file reads back into a program or an
 * import; a repeatable group is one column holding its rows as JSON (the XLSX file gives each
 * group its own sheet).
 */
final class CsvExportWriter {
    private static final CSVFormat FORMAT = CSVFormat.EXCEL.builder().setDelimiter(';').setRecordSeparator("\r\n").get();

    private CsvExportWriter() {}

    /** A number is written as it is (a negative one is no formula); any text is neutralised. */
    private static String cell(com.fasterxml.jackson.databind.JsonNode value) {
        return value.isNumber() ? value.asText() : SpreadsheetText.neutralised(ExportValues.text(value));
    }

    static long write(ExportColumns columns, ExportSource source, OutputStream out) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        List<String> header = new ArrayList<>(List.of(ExportHeadings.ID, ExportHeadings.FORM_VERSION,
                ExportHeadings.PHASE, ExportHeadings.CREATED_AT, ExportHeadings.UPDATED_AT));
        columns.fields().forEach(column -> header.add(column.key()));
        columns.groups().forEach(group -> header.add(group.key()));
        printer.printRecord(header);
        long count;
        try {
            count = source.forEach(record -> {
                List<String> line = new ArrayList<>(header.size());
                line.add(record.id().toString());
                line.add(Integer.toString(record.formVersion()));
                line.add(record.phase().name().toLowerCase(java.util.Locale.ROOT));
                line.add(record.createdAt().toString());
                line.add(record.updatedAt().toString());
                columns.fields().forEach(column -> line.add(cell(record.data().at(column.pointer()))));
                columns.groups().forEach(group -> line.add(cell(record.data().at(group.pointer()))));
                try {
                    printer.printRecord(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
        return count;
    }
}
