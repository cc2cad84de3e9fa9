package org.dossier.imports;

import java.util.Locale;
import java.util.Optional;

/** The formats an import reads, told by the file's extension. */
public enum ImportFormat {
    CSV("csv"),
    XLSX("xlsx"),
    JSONL("jsonl");

    private final String extension;

    ImportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The format of a file name ({@code .csv}, {@code .xlsx}, {@code .jsonl} or {@code .ndjson}); empty for any other. */
    public static Optional<ImportFormat> ofFileName(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).strip();
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".xlsx")) {
            return Optional.of(XLSX);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        }
        return Optional.empty();
    }

    public static ImportFormat of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
