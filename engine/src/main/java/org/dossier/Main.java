package org.dossier;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.dossier.bench.Benchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line: {@code serve} runs the server, {@code create-admin} adds a super-admin, {@code bench} measures it. */
@Command(name = "dossier", mixinStandardHelpOptions = true,
        subcommands = {Main.Serve.class, CreateAdmin.class, TenantCommand.class, LifecycleCommand.class, KeysCommand.class,
                AuditCommand.class, BackupCommand.class, ImportCommand.class, Benchmark.class},
        description = "Multi-tenant, schema-driven case-file engine.")
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Start the server (embedded MariaDB unless DOSSIER_DB_URL is set).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--demo", description = "Seed the two demo services on an empty database.")
        boolean demo;

        @Override
        public Integer call() throws InterruptedException {
            Server server;
            try {
                server = Server.start(Config.fromEnvironment(), demo);
            } catch (org.dossier.crypto.WrongMasterKeyException
                     | org.dossier.attachment.AttachmentStoreUnavailableException
                     | org.dossier.db.DataDirectoryBusyException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "dossier-shutdown"));
            stopped.await();
            return 0;
        }
    }
}
