package org.dossier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the directories tests create, embedded databases included. */
public final class TestFiles {
    private TestFiles() {}

    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) { // null: a set-up that stopped early (no Docker on the MySQL 8 pass)
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
