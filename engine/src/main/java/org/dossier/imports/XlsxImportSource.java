package org.dossier.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * The first sheet of an XLSX file, read row by row by fastexcel's streaming reader: the sheet is
 * never held whole. Its first row holds the headings; when its second row holds the export's keys
 * (an exported file: labels, then keys), the keys are the headings and the data starts below.
 */
final class XlsxImportSource implements ImportSource {
    private final Path file;
    private final List<String> columns;
    private final int headerRows;

    XlsxImportSource(Path file) throws IOException {
        this.file = file;
        List<List<String>> first = new ArrayList<>();
        read(row -> {
            if (first.size() < 2) {
                first.add(texts(row));
            }
            return first.size() < 2;
        });
        if (first.isEmpty()) {
            throw new MalformedImportFileException("importEmptyFile", "no header row");
        }
        boolean keysRow = first.size() == 2 && !first.get(1).isEmpty() && "id".equals(first.get(1).get(0))
                && !"id".equals(first.get(0).get(0));
        this.headerRows = keysRow ? 2 : 1;
        this.columns = first.get(keysRow ? 1 : 0).stream().map(String::strip).toList();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void forEach(Consumer<SourceRow> each) {
        try {
            read(row -> {
                if (row.getRowNum() > headerRows) {
                    Map<String, String> cells = new HashMap<>();
                    for (int index = 0; index < row.getCellCount() && index < columns.size(); index++) {
                        String value = row.getCellText(index);
                        if (value != null && !value.isEmpty()) {
                            cells.put(columns.get(index), value);
                        }
                    }
                    each.accept(new SourceRow(row.getRowNum(), cells));
                }
                return true;
            });
        } catch (IOException e) {
            throw new MalformedImportFileException(e.getMessage());
        }
    }

    /** Reads rows while {@code more} answers true. */
    private void read(java.util.function.Predicate<Row> more) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile());
             Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            Iterator<Row> iterator = rows.iterator();
            while (iterator.hasNext() && more.test(iterator.next())) {
                // each row handled by the predicate
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (org.dhatim.fastexcel.reader.ExcelReaderException e) {
            throw new MalformedImportFileException(String.valueOf(e.getMessage()));
        }
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (int index = 0; index < row.getCellCount(); index++) {
            String text = row.getCellText(index);
            texts.add(text == null ? "" : text);
        }
        return texts;
    }
}
