package org.dossier.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A client program of the database run with its error output kept (its last 8 KB) for the message of a failure. */
final class ExternalTool {
    private static final int KEPT_ERROR_BYTES = 8192;

    private final Process process;
    private final Thread errorReader;
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    private ExternalTool(Process process) {
        this.process = process;
        this.errorReader = new Thread(this::readErrors, "backup-tool-stderr");
        errorReader.setDaemon(true);
        errorReader.start();
    }

    static ExternalTool start(List<String> command) throws IOException {
        return new ExternalTool(new ProcessBuilder(command).start());
    }

    Process process() {
        return process;
    }

    /** Waits for the program; a non-zero exit is a failure that quotes the program's own words. */
    void finish(String what) throws IOException, InterruptedException {
        int exit = process.waitFor();
        errorReader.join(5_000);
        if (exit != 0) {
            throw new BackupFailedException(what + " failed (exit " + exit + "): " + errorText());
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    private void readErrors() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getErrorStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (errors) {
                    if (errors.size() + read > KEPT_ERROR_BYTES) {
                        byte[] kept = errors.toByteArray();
                        errors.reset();
                        int from = Math.max(0, kept.length + read - KEPT_ERROR_BYTES);
                        errors.write(kept, Math.min(from, kept.length), kept.length - Math.min(from, kept.length));
                    }
                    errors.write(buffer, 0, read);
                }
            }
        } catch (IOException e) {
            // the process went away; what was read is kept
        }
    }

    private String errorText() {
        synchronized (errors) {
            return errors.toString(StandardCharsets.UTF_8).strip();
        }
    }
}
