package org.dossier;

import picocli.CommandLine;

/** Runs the {@code tenant clone} command against a test's own services instead of the configured database. */
public final class TenantCommandTestHook {
    private TenantCommandTestHook() {}

    public static CommandLine cloneCommand(Services services) {
        TenantCommand.Clone clone = new TenantCommand.Clone();
        clone.services = services;
        return new CommandLine(clone);
    }
}
