package org.dossier.db;

import java.nio.file.Path;

/** A start that cannot have the data directory: another process runs a server on it and could not be stopped. */
public final class DataDirectoryBusyException extends RuntimeException {
    public DataDirectoryBusyException(Path dataDir, long pid, String command) {
        super("The database data directory " + dataDir + " is held by process " + pid + " (" + command
                + "), which could not be stopped: stop that process, then start again");
    }
}
