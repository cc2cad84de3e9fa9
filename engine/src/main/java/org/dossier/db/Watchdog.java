package org.dossier.db;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny shell process that outlives this JVM by design: when the JVM is gone (SIGKILL, the OOM
 * killer, a runtime stopping only the main process) it stops the mariadbd named by the pid file of
 * our data directory, so that the database does not run on, orphaned. A JVM hook cannot do this:
 * none runs on SIGKILL. Should the watchdog itself be killed too, the next start finds the server
 * left over and stops it ({@link StaleServer}).
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    /** $1 the JVM's pid, $2 the pid file, $3 the --datadir argument the server must carry. */
    private static final String SCRIPT = """
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            pid=$(cat "$2" 2>/dev/null) || exit 0
            tr '\\000' '\\n' < "/proc/$pid/cmdline" 2>/dev/null | grep -qxF -e "$3" || exit 0
            kill -TERM "$pid" 2>/dev/null
            i=0
            while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 30 ]; do sleep 1; i=$((i+1)); done
            kill -KILL "$pid" 2>/dev/null
            exit 0
            """;

    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    /** Starts the watchdog; without {@code sh} there is none, and the next start's clean-up covers it. */
    static Watchdog start(Path mariadbDataDir, String dataDirArgument) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", SCRIPT, "dossier-db-watchdog",
                Long.toString(ProcessHandle.current().pid()), mariadbDataDir.resolve(StaleServer.PID_FILE).toString(),
                dataDirArgument)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return new Watchdog(builder.start());
        } catch (IOException e) {
            LOG.warn("No watchdog for the embedded database ({}): after a kill -9 of this process, the next start stops it",
                    e.getMessage());
            return new Watchdog(null);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
