package org.dossier;

import java.io.PrintStream;
import java.nio.file.Path;

/** Runs {@code keys rotate} on the tests' database, from another package. */
public final class KeysCommandTestHook {
    private KeysCommandTestHook() {}

    public static int rotate(Services services, Config config, Path newKeyFile, PrintStream out) {
        KeysCommand.Rotate rotate = new KeysCommand.Rotate();
        rotate.services = services;
        rotate.config = config;
        rotate.newKeyFile = newKeyFile;
        rotate.out = out;
        return rotate.call();
    }
}
