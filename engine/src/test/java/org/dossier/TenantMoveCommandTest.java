package org.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dossier.account.PasswordHasher;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.tenantmove.OtherInstallation;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestFiles;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code tenant export} and {@code tenant import} from the command line: a line per table with its
 * rows and seconds, exit codes 0 and 2, and members unknown to the target created without a usable
 * password, or with a one-time password printed once when asked.
 */
@Tag("integration")
class TenantMoveCommandTest {

    @Test
    void export_then_import_into_another_installation_prints_progress_and_one_time_passwords() throws Exception {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "ligne");
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData("Commande"),
                new Actor(caseworker.email(), null), Locale.FRENCH);
        Path work = Files.createTempDirectory("dossier-tenant-move-command");
        try (OtherInstallation other = OtherInstallation.create()) {
            Path passphrase = Files.writeString(work.resolve("pass"), "a passphrase long enough\n");
            Path archive = work.resolve("service.zip");
            Output exported = run(new TenantMoveCommands.Export(), services, "--slug", tenant.slug(), "--output",
                    archive.toString(), "--passphrase-file", passphrase.toString());

            assertThat(exported.code()).as(exported.text()).isZero();
            assertThat(exported.text()).containsPattern("(?m)^records: 1 row\\(s\\), \\d+\\.\\d s$")
                    .containsPattern("(?m)^memberships: \\d+ row\\(s\\), \\d+\\.\\d s$")
                    .contains("Exported service " + tenant.slug());

            Output refused = run(new TenantMoveCommands.Import(), services, "--input", archive.toString(),
                    "--passphrase-file", passphrase.toString());
            assertThat(refused.code()).as("the slug exists here").isEqualTo(2);

            Output imported = run(new TenantMoveCommands.Import(), other.services(), "--input", archive.toString(),
                    "--passphrase-file", passphrase.toString(), "--one-time-passwords");
            assertThat(imported.code()).as(imported.text()).isZero();
            assertThat(imported.text()).containsPattern("(?m)^records: 1 row\\(s\\), \\d+\\.\\d s$")
                    .contains("Imported service " + tenant.slug());
            Matcher printed = Pattern.compile("  " + Pattern.quote(caseworker.email()) + ": one-time password (\\S+) ")
                    .matcher(imported.text());
            assertThat(printed.find()).as(imported.text()).isTrue();
            String hash = other.services().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT password_hash FROM users WHERE email = :email").bind("email", caseworker.email())
                    .mapTo(String.class).one());
            assertThat(new PasswordHasher().verify(printed.group(1), hash)).isTrue();
            assertThat(new PasswordHasher().verify(TestUsers.PASSWORD, hash)).as("never the source's password").isFalse();
            long createdId = other.services().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT id FROM users WHERE email = :email").bind("email", caseworker.email()).mapTo(Long.class).one());
            String created = other.services().jdbi().withHandle(handle -> handle.createQuery("""
                            SELECT CAST(details AS CHAR) FROM audit_events
                             WHERE tenant_id = 0 AND action = 'account.created' AND target_id = :id
                            """).bind("id", Long.toString(createdId)).mapTo(String.class).one());
            assertThat(created).contains("\"by\":\"tenant-import\"").doesNotContain("@");
        } finally {
            TestFiles.deleteRecursively(work);
        }
    }

    record Output(int code, String text) {}

    private static Output run(Object command, Services services, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (command instanceof TenantMoveCommands.Export export) {
            export.services = services;
            export.out = out;
        } else if (command instanceof TenantMoveCommands.Import load) {
            load.services = services;
            load.out = out;
        }
        int code = new CommandLine(command).execute(args);
        return new Output(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
