package org.dossier.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * An import file read as a stream: its column headings, then its rows one at a time. Nothing
 * holds the whole file; a pass may be made again (the post-import check reads the file twice).
 */
public interface ImportSource {
    /** The headings of the columns, in file order. */
    List<String> columns();

    /** Reads every data row in order, from the start of the file. */
    void forEach(Consumer<SourceRow> each);

    /** @throws MalformedImportFileException when the file cannot be read as its format */
    static ImportSource open(ImportFormat format, Path file) {
        try {
            return switch (format) {
                case CSV -> new CsvImportSource(file);
                case XLSX -> new XlsxImportSource(file);
                case JSONL -> new JsonLinesImportSource(file);
            };
        } catch (IOException e) {
            throw new MalformedImportFileException(e.getMessage());
        }
    }
}
