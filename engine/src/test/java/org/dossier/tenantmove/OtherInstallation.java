package org.dossier.tenantmove;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.crypto.MasterKey;
import org.dossier.crypto.MasterKeySettings;
import org.dossier.db.Database;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestFiles;

/**
 * Another installation for a test: an empty database of its own on the test's server, migrated,
 * with its own master key and its own data directory (so its own attachments' store).
 */
public final class OtherInstallation implements AutoCloseable {
    private final String schema;
    private final Database database;
    private final Services services;
    private final Path dataDir;

    private OtherInstallation(String schema, Database database, Services services, Path dataDir) {
        this.schema = schema;
        this.database = database;
        this.services = services;
        this.dataDir = dataDir;
    }

    public static OtherInstallation create() throws java.io.IOException {
        String schema = "other_" + ProcessHandle.current().pid() + "_" + (System.nanoTime() % 1_000_000_000L);
        TestDatabase.services().jdbi().useHandle(handle -> handle.execute("CREATE DATABASE " + schema
                + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"));
        TestDatabase.Connection connection = TestDatabase.connection();
        String url = connection.jdbcUrl().replaceFirst("/([A-Za-z0-9_]+)(\\?|$)", "/" + schema + "$2");
        Database database = Database.connect(url, connection.user(), connection.password(), 4);
        Path dataDir = Files.createTempDirectory("dossier-other-installation");
        Config here = Config.fromEnvironment();
        Config config = new Config(here.port(), dataDir, here.dbUrl(), here.dbUser(), here.dbPassword(), here.poolSize(),
                here.maxBodyBytes(), here.accounts(), here.trustedProxies(),
                MasterKeySettings.ofBase64(MasterKey.generate("test").base64()), here.attachments());
        Services services = Services.wire(database, config);
        services.encryption().master();
        services.migrations().migrate();
        return new OtherInstallation(schema, database, services, dataDir);
    }

    public Services services() {
        return services;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        database.close();
        TestDatabase.services().jdbi().useHandle(handle -> handle.execute("DROP DATABASE " + schema));
        TestFiles.deleteRecursively(dataDir);
    }
}
