package org.dossier.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dump tool's command line: one consistent snapshot, the job table's rows left out, the password never in it. */
class DumpSourceTest {

    @Test
    void an_external_database_is_read_from_its_jdbc_url_and_its_password_stays_off_the_command_line() throws Exception {
        DumpSource source = DumpSource.external("jdbc:mysql://db.internal:3307/dossier_prod?sslMode=REQUIRED", "backup",
                "s3cr\"et", Path.of("/usr/bin/mysqldump"));
        Path options = source.writeOptionFile();
        try {
            List<String> command = source.dumpCommand(options, List.of("scheduled_tasks"));

            assertThat(command).startsWith("/usr/bin/mysqldump", "--defaults-extra-file=" + options)
                    .contains("--host=db.internal", "--port=3307", "--user=backup", "--single-transaction",
                            "--ignore-table-data=dossier_prod.scheduled_tasks")
                    .doesNotContain("--skip-ssl").endsWith("dossier_prod");
            assertThat(String.join(" ", command)).doesNotContain("s3cr");
            assertThat(Files.readString(options)).isEqualTo("[client]\npassword=\"s3cr\\\"et\"\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(options))).isEqualTo("rw-------");
            assertThat(source.toString()).doesNotContain("s3cr");
        } finally {
            Files.deleteIfExists(options);
        }
    }

    @Test
    void the_embedded_server_is_dumped_and_loaded_with_its_distribution_s_programs_on_loopback() {
        DumpSource source = DumpSource.embedded(41234, "root", "pw", "dossier", Path.of("/data/mariadb-base"));
        Path options = Path.of("/tmp/options.cnf");

        assertThat(source.dumpCommand(options, List.of())).startsWith("/data/mariadb-base/bin/mariadb-dump")
                .contains("--host=127.0.0.1", "--port=41234", "--skip-ssl");
        assertThat(source.loadCommand(options)).startsWith("/data/mariadb-base/bin/mariadb",
                "--defaults-extra-file=/tmp/options.cnf").endsWith("dossier");
    }
}
