package org.dossier.backup;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The database a backup dumps and a restore loads, and the client programs that do it: those of
 * the embedded MariaDB distribution (found in its base directory), or a configured dump tool for
 * an external server. The password goes to the programs in an option file readable by this user
 * only, never on a command line that every local user can read in the process list.
 *
 * @param loopback the embedded server, on 127.0.0.1 without TLS, as the application connects to it
 */
public record DumpSource(String host, int port, String user, String password, String database, Path dumpTool,
                         Optional<Path> clientTool, boolean loopback) {

    /** The embedded server, whose distribution holds {@code bin/mariadb-dump} and {@code bin/mariadb}. */
    public static DumpSource embedded(int port, String user, String password, String database, Path baseDir) {
        Path bin = baseDir.resolve("bin");
        return new DumpSource("127.0.0.1", port, user, password, database, bin.resolve("mariadb-dump"),
                Optional.of(bin.resolve("mariadb")), true);
    }

    /** An external server named by its JDBC URL ({@code jdbc:mysql://host:port/database?...}). */
    public static DumpSource external(String jdbcUrl, String user, String password, Path dumpTool) {
        URI uri = URI.create(jdbcUrl.replaceFirst("^jdbc:", ""));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || path.isEmpty()) {
            throw new IllegalArgumentException("Cannot read host and database from DOSSIER_DB_URL: " + jdbcUrl);
        }
        return new DumpSource(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 3306, user, password, path, dumpTool,
                Optional.empty(), false);
    }

    /** {@code mariadb-dump} arguments for one consistent snapshot of the database (InnoDB, no lock held). */
    List<String> dumpCommand(Path optionFile, List<String> tablesWithoutData) {
        List<String> command = new ArrayList<>(connectionArguments(dumpTool, optionFile));
        command.addAll(List.of("--single-transaction", "--quick", "--hex-blob", "--no-tablespaces",
                "--default-character-set=utf8mb4", "--skip-dump-date"));
        tablesWithoutData.forEach(table -> command.add("--ignore-table-data=" + database + "." + table));
        command.add(database);
        return command;
    }

    /** {@code mariadb} arguments that read a dump on standard input into the database. */
    List<String> loadCommand(Path optionFile) {
        Path client = clientTool.orElseThrow(() -> new IllegalStateException("no client program to load a dump with"));
        List<String> command = new ArrayList<>(connectionArguments(client, optionFile));
        command.add("--default-character-set=utf8mb4");
        command.add(database);
        return command;
    }

    private List<String> connectionArguments(Path program, Path optionFile) {
        List<String> arguments = new ArrayList<>();
        arguments.add(program.toString());
        arguments.add("--defaults-extra-file=" + optionFile); // must come first
        arguments.add("--host=" + host);
        arguments.add("--port=" + port);
        arguments.add("--user=" + user);
        if (loopback) {
            arguments.add("--skip-ssl"); // the embedded server listens on loopback without TLS
        }
        return arguments;
    }

    /** An option file holding the password, mode 0600, that the caller deletes after use. */
    Path writeOptionFile() throws IOException {
        Path file = Files.createTempFile("dossier-backup-", ".cnf",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String escaped = password.replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(file, "[client]\npassword=\"" + escaped + "\"\n");
        return file;
    }

    /** Without the password, which must not reach a log. */
    @Override
    public String toString() {
        return "DumpSource[" + user + "@" + host + ":" + port + "/" + database + ", " + dumpTool + "]";
    }
}
