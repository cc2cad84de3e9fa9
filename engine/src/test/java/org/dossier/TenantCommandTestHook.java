package org.dossier;

import picocli.CommandLine;

/** Runs the {@code tenant} commands against a test's own services instead of the configured database. */
public final class TenantCommandTestHook {
    private TenantCommandTestHook() {}

    public static CommandLine cloneCommand(Services services) {
        TenantCommand.Clone clone = new TenantCommand.Clone();
        clone.services = services;
        return new CommandLine(clone);
    }

    public static CommandLine suspendCommand(Services services) {
        TenantCommand.Suspend suspend = new TenantCommand.Suspend();
        suspend.services = services;
        return new CommandLine(suspend);
    }

    public static CommandLine resumeCommand(Services services) {
        TenantCommand.Resume resume = new TenantCommand.Resume();
        resume.services = services;
        return new CommandLine(resume);
    }

    public static CommandLine deleteCommand(Services services) {
        TenantCommand.Delete delete = new TenantCommand.Delete();
        delete.services = services;
        return new CommandLine(delete);
    }

    public static CommandLine retentionCommand(Services services) {
        TenantRetentionCommand retention = new TenantRetentionCommand();
        retention.services = services;
        return new CommandLine(retention);
    }
}
