package org.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.testing.TestFiles;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code backup restore} on the command line: a directory holding anything is refused with status 2 and a message. */
class BackupCommandTest {

    @Test
    void restore_into_a_non_empty_directory_answers_2_and_says_why() throws Exception {
        Path work = Files.createTempDirectory("dossier-backup-cli");
        Path used = Files.createDirectories(work.resolve("data"));
        Files.writeString(used.resolve("root-password.txt"), "another installation's");
        Path archive = Files.writeString(work.resolve("dossier-backup-2026-12-07T03-30-00Z.zip"), "x");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new Main()).execute("backup", "restore", archive.toString(), "--data-dir", used.toString());
        } finally {
            System.setErr(previous);
            TestFiles.deleteRecursively(work);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("is not empty").contains("nothing was restored");
    }
}
