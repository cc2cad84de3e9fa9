package org.dossier.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dossier.imports.ImportFixture.csv;
import static org.dossier.imports.ImportFixture.row;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The uploaded files no import will read leave {@code <data dir>/imports/}: a dry run's after a
 * day without its import, one no run keeps, and (see {@code DeleteServiceTest}) a deleted
 * service's; a waiting file younger than a day stays.
 */
@Tag("integration")
class ImportFilesTest {
    private Services services;
    private Tenant tenant;
    private Path directory;

    @BeforeEach
    void setUp() throws IOException {
        services = TestDatabase.services();
        tenant = TestTenants.withBaseForm(services, "import-files");
        directory = Files.createTempDirectory("imports");
    }

    private RecordImports imports(Clock clock) {
        return new RecordImports(services.jdbi(), services.mapper(), services.forms(), services.records(),
                services.coercer(), services.messages(), services.audit(), directory, RecordImports.Launcher.NONE, clock,
                RecordImports.BATCH, ImportExecution.Hooks.NONE, services.metrics().product());
    }

    @Test
    void the_hourly_housekeeping_removes_a_dry_run_s_file_a_day_later_and_an_orphan_but_keeps_a_fresh_one()
            throws IOException {
        RecordImports now = imports(Clock.systemUTC());
        String file = csv(List.of(row("F1", "Berger", "1984-02-29")));
        ImportRun checked = ImportFixture.dryRun(now, tenant, ImportFixture.upload(now, tenant, "a.csv", file),
                Optional.of("ext"));
        assertThat(checked.status()).isEqualTo(ImportRun.Status.CHECKED);
        Path orphan = Files.writeString(directory.resolve(tenant.id().value() + "-orphan.csv"), file);
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        assertThat(files()).hasSize(2);

        assertThat(now.removeIdleFiles()).isEqualTo(1); // the orphan; the dry run's file is younger than a day
        assertThat(files()).hasSize(1).doesNotContain(orphan.getFileName().toString());
        ImportRun fresh = ImportFixture.upload(now, tenant, "b.csv", file);

        RecordImports dayLater = imports(Clock.offset(Clock.systemUTC(), RecordImports.IDLE_FILE.plusHours(1)));
        assertThat(dayLater.removeIdleFiles()).isEqualTo(2); // the checked run's and the uploaded one's
        assertThat(files()).isEmpty();
        assertThatThrownBy(() -> now.start(tenant.id(), checked.id(), ImportRun.Mode.IMPORT,
                new ImportOptions(new ImportMapping(java.util.Map.of()), Optional.empty(), ImportOptions.Existing.SKIP,
                        false, Locale.FRENCH), ImportFixture.ADMIN))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("importFileGone");
        assertThat(fresh.status()).isEqualTo(ImportRun.Status.UPLOADED);
    }

    @Test
    void an_import_s_file_is_removed_when_it_ends() {
        RecordImports now = imports(Clock.systemUTC());
        ImportFixture.importAll(now, tenant, ImportFixture.upload(now, tenant, "a.csv",
                csv(List.of(row("G1", "Berger", "1984-02-29")))), Optional.of("ext"), ImportOptions.Existing.SKIP);

        assertThat(files()).isEmpty();
    }

    private List<String> files() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
