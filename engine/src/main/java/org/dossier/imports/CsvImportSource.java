package org.dossier.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file (Commons CSV): UTF-8 with or without a byte-order mark, {@code ;} or {@code ,}
 * between fields (whichever the header line holds more of), RFC 4180 quoting. The export's
 * guard against formula injection (a leading apostrophe before {@code = + - @}) is undone, so
 * that an exported file reads back as it was.
 */
final class CsvImportSource implements ImportSource {
    private final Path file;
    private final CSVFormat format;
    private final List<String> columns;

    CsvImportSource(Path file) throws IOException {
        this.file = file;
        String firstLine;
        try (BufferedReader reader = open(file)) {
            firstLine = reader.readLine();
        }
        if (firstLine == null || firstLine.isBlank()) {
            throw new MalformedImportFileException("importEmptyFile", "no header line");
        }
        char delimiter = count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',';
        this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(open(file), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> headings = new ArrayList<>();
            records.next().forEach(heading -> headings.add(heading.strip()));
            this.columns = List.copyOf(headings);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new MalformedImportFileException(e.getMessage());
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void forEach(Consumer<SourceRow> each) {
        try (CSVParser parser = CSVParser.parse(open(file), format)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    header = false;
                    continue;
                }
                Map<String, String> cells = new HashMap<>();
                for (int index = 0; index < record.size() && index < columns.size(); index++) {
                    String value = record.get(index);
                    if (!value.isEmpty()) {
                        cells.put(columns.get(index), unguarded(value));
                    }
                }
                each.accept(new SourceRow((int) record.getRecordNumber(), cells));
            }
        } catch (IOException e) {
            throw new MalformedImportFileException(e.getMessage());
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new MalformedImportFileException(String.valueOf(e.getMessage()));
        }
    }

    /** The export wrote {@code '=x} for {@code =x} (see export/SpreadsheetText): read back as written before. */
    static String unguarded(String value) {
        return value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0
                ? value.substring(1) : value;
    }

    /** UTF-8, strictly (a Latin-1 file is refused rather than read wrong), without its byte-order mark. */
    private static BufferedReader open(Path file) throws IOException {
        Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        BufferedReader buffered = new BufferedReader(reader, 64 * 1024);
        buffered.mark(1);
        try {
            if (buffered.read() != '\uFEFF') {
                buffered.reset();
            }
        } catch (CharacterCodingException e) {
            buffered.close();
            throw new MalformedImportFileException("importNotUtf8", "not UTF-8");
        }
        return buffered;
    }

    private static int count(String line, char character) {
        return (int) line.chars().filter(c -> c == character).count();
    }
}
