package org.dossier.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The embedded server's root password, kept in {@link #FILE_NAME} in the data directory, readable
 * by its owner only. Generated at the first start that finds no file, then read at every start.
 *
 * <p>The password is put in place by an init file that mariadbd runs before it takes its first
 * connection, at every start: a new data directory, one created before root had a password (root
 * then had none and the server ran without grant tables), and one whose grant tables are empty
 * all end up with the same accounts, and no connection ever finds root without a password.
 */
final class RootPassword {
    static final String FILE_NAME = "root-password.txt";
    static final String USER = "root";
    private static final String INIT_FILE_NAME = "mariadb-init.sql";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** 32 random bytes, URL-safe Base64: 256 bits, and nothing that needs quoting in SQL or a shell. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** The hosts root connects from: mariadbd only listens on loopback, and on its socket. */
    private static final String[] HOSTS = {"localhost", "127.0.0.1", "::1"};

    private final String password;

    private RootPassword(String password) {
        this.password = password;
    }

    /** Reads the password from {@code dataDir}, or generates and stores one when there is none. */
    static RootPassword in(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            try {
                create(file, generate());
            } catch (FileAlreadyExistsException raced) {
                // Another process made it first: read theirs.
            }
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!WELL_FORMED.matcher(stored).matches()) {
            throw new IllegalStateException(file + " does not hold a password written by Dossier; delete it to have"
                    + " a new one generated at the next start");
        }
        return new RootPassword(stored);
    }

    String value() {
        return password;
    }

    /**
     * Writes the init file that gives root this password and removes every other way in: anonymous
     * accounts and root at any host other than loopback, as mysql_secure_installation does. Owner
     * only, like the password file; the caller deletes it once the server has started.
     */
    Path writeInitFile(Path dataDir) throws IOException {
        Path file = initFile(dataDir);
        Files.deleteIfExists(file);
        StringBuilder sql = new StringBuilder();
        // mariadbd reads an init file one statement per line.
        sql.append("DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host NOT IN ('localhost', '127.0.0.1', '::1'));\n");
        sql.append("DELETE FROM mysql.db WHERE User = '';\n");
        sql.append("DELETE FROM mysql.proxies_priv WHERE User = '';\n");
        sql.append("FLUSH PRIVILEGES;\n");
        for (String host : HOSTS) {
            String account = "'" + USER + "'@'" + host + "'";
            sql.append("CREATE USER IF NOT EXISTS ").append(account).append(";\n");
            sql.append("ALTER USER ").append(account).append(" IDENTIFIED BY '").append(password).append("';\n");
            sql.append("GRANT ALL PRIVILEGES ON *.* TO ").append(account).append(" WITH GRANT OPTION;\n");
        }
        create(file, sql.toString());
        return file;
    }

    /** Where {@link #writeInitFile} writes: the server is told this path once, and each (re)start rewrites the file. */
    Path initFile(Path dataDir) {
        return dataDir.resolve(INIT_FILE_NAME);
    }

    private static void create(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n";
    }
}
