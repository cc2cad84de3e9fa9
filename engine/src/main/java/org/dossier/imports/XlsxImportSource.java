package org.dossier.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.dhatim.fastexcel.reader.Sheet;

/**
 * An XLSX file, read row by row by fastexcel's streaming reader: no sheet is ever held whole. The
 * first sheet holds the case files; its first row holds the headings, and when its second row
 * holds the export's keys (an exported file: labels, then keys), the keys are the headings and the
 * data starts below. Each further sheet shaped as the export writes a repeatable group (keys
 * {@code id}, {@code row}, then the row's fields) becomes one more column, named as its sheet,
 * holding each case file's rows as JSON, as the CSV export writes a group: a group's sheet is read
 * alongside the first, its rows following the case files' order (the export's), joined by id.
 */
final class XlsxImportSource implements ImportSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "id";
    private static final String ROW = "row";

    private final Path file;
    private final List<String> columns;
    private final int headerRows;
    private final int idColumn;
    private final int sheetColumns;
    /** The group sheets: their names (the columns they add) and their keys row. */
    private final Map<String, List<String>> groups;

    XlsxImportSource(Path file) throws IOException {
        this.file = file;
        List<List<String>> first = new ArrayList<>();
        Map<String, List<String>> groupSheets = new java.util.LinkedHashMap<>();
        try (ReadableWorkbook workbook = open(file)) {
            List<Sheet> sheets = workbook.getSheets().toList();
            if (sheets.isEmpty()) {
                throw new MalformedImportFileException("importEmptyFile", "no sheet");
            }
            first.addAll(head(sheets.get(0), 2));
            for (Sheet sheet : sheets.subList(1, sheets.size())) {
                List<List<String>> head = head(sheet, 2);
                if (head.size() == 2 && head.get(1).size() >= 2 && ID.equals(head.get(1).get(0))
                        && ROW.equals(head.get(1).get(1))) {
                    groupSheets.put(sheet.getName().strip(), head.get(1).stream().map(String::strip).toList());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (org.dhatim.fastexcel.reader.ExcelReaderException e) {
            throw new MalformedImportFileException(String.valueOf(e.getMessage()));
        }
        if (first.isEmpty()) {
            throw new MalformedImportFileException("importEmptyFile", "no header row");
        }
        boolean keysRow = first.size() == 2 && !first.get(1).isEmpty() && ID.equals(first.get(1).get(0))
                && !ID.equals(first.get(0).get(0));
        this.headerRows = keysRow ? 2 : 1;
        List<String> headings = first.get(keysRow ? 1 : 0).stream().map(String::strip).toList();
        this.idColumn = headings.indexOf(ID);
        this.sheetColumns = headings.size();
        // Groups are joined to their case file by its id: without an id column there is nothing to join.
        this.groups = idColumn < 0 ? Map.of() : groupSheets;
        List<String> all = new ArrayList<>(headings);
        this.groups.keySet().stream().filter(name -> !headings.contains(name)).forEach(all::add);
        this.columns = List.copyOf(all);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void forEach(Consumer<SourceRow> each) {
        List<Stream<Row>> opened = new ArrayList<>();
        try (ReadableWorkbook workbook = open(file)) {
            List<Sheet> sheets = workbook.getSheets().toList();
            List<GroupReader> readers = new ArrayList<>();
            for (Sheet sheet : sheets.subList(1, sheets.size())) {
                List<String> keys = groups.get(sheet.getName().strip());
                if (keys != null) {
                    Stream<Row> rows = sheet.openStream();
                    opened.add(rows);
                    readers.add(new GroupReader(sheet.getName().strip(), keys, rows.iterator()));
                }
            }
            Stream<Row> rows = sheets.get(0).openStream();
            opened.add(rows);
            Iterator<Row> iterator = rows.iterator();
            while (iterator.hasNext()) {
                Row row = iterator.next();
                if (row.getRowNum() <= headerRows) {
                    continue;
                }
                Map<String, String> cells = new HashMap<>();
                for (int index = 0; index < row.getCellCount() && index < sheetColumns; index++) {
                    String value = row.getCellText(index);
                    if (value != null && !value.isEmpty()) {
                        cells.put(columns.get(index), value);
                    }
                }
                String id = cells.getOrDefault(columns.get(Math.max(idColumn, 0)), "").strip();
                for (GroupReader group : readers) {
                    group.rowsOf(id).ifPresent(json -> cells.put(group.name, json));
                }
                each.accept(new SourceRow(row.getRowNum(), cells));
            }
        } catch (IOException e) {
            throw new MalformedImportFileException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new MalformedImportFileException(e.getCause().getMessage());
        } catch (org.dhatim.fastexcel.reader.ExcelReaderException e) {
            throw new MalformedImportFileException(String.valueOf(e.getMessage()));
        } finally {
            opened.forEach(Stream::close);
        }
    }

    /** A group's sheet read alongside the case files: the rows of each id as they come. */
    private static final class GroupReader {
        private final String name;
        private final List<String> keys;
        private final Iterator<Row> rows;
        private Row pending;

        GroupReader(String name, List<String> keys, Iterator<Row> rows) {
            this.name = name;
            this.keys = keys;
            this.rows = rows;
            while (rows.hasNext()) { // past the labels and the keys
                Row row = rows.next();
                if (row.getRowNum() > 2) {
                    pending = row;
                    break;
                }
            }
        }

        /** The JSON array of the rows of case file {@code id}, when the next rows are its. */
        java.util.Optional<String> rowsOf(String id) {
            if (id.isEmpty()) {
                return java.util.Optional.empty();
            }
            ArrayNode array = JSON.createArrayNode();
            while (pending != null && id.equals(text(pending, 0).strip())) {
                ObjectNode item = array.addObject();
                for (int index = 2; index < keys.size(); index++) {
                    String value = text(pending, index);
                    if (!value.isEmpty() && !keys.get(index).isEmpty()) {
                        put(item, keys.get(index), value);
                    }
                }
                pending = rows.hasNext() ? rows.next() : null;
            }
            return array.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(array.toString());
        }

        /** A row's field by its key relative to the row ({@code prenom}, {@code adresse/ville}). */
        private static void put(ObjectNode item, String key, String value) {
            String[] path = key.split("/");
            ObjectNode at = item;
            for (int depth = 0; depth < path.length - 1; depth++) {
                at = at.has(path[depth]) && at.get(path[depth]).isObject() ? (ObjectNode) at.get(path[depth])
                        : at.putObject(path[depth]);
            }
            at.put(path[path.length - 1], value);
        }
    }

    private static String text(Row row, int index) {
        if (index >= row.getCellCount()) {
            return "";
        }
        String text = row.getCellText(index);
        return text == null ? "" : text;
    }

    private static ReadableWorkbook open(Path file) throws IOException {
        try {
            return new ReadableWorkbook(file.toFile());
        } catch (org.dhatim.fastexcel.reader.ExcelReaderException e) {
            throw new MalformedImportFileException(String.valueOf(e.getMessage()));
        }
    }

    /** The first {@code count} rows of a sheet, as texts. */
    private static List<List<String>> head(Sheet sheet, int count) throws IOException {
        List<List<String>> head = new ArrayList<>();
        try (Stream<Row> rows = sheet.openStream()) {
            Iterator<Row> iterator = rows.iterator();
            while (head.size() < count && iterator.hasNext()) {
                Row row = iterator.next();
                List<String> texts = new ArrayList<>();
                for (int index = 0; index < row.getCellCount(); index++) {
                    texts.add(text(row, index));
                }
                head.add(texts);
            }
        }
        return head;
    }
}
