package org.dossier.tenantmove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.attachment.ObjectKey;
import org.dossier.attachment.S3Store;
import org.dossier.audit.Actor;
import org.dossier.audit.ChainVerifier;
import org.dossier.form.FormService;
import org.dossier.offboarding.EveryTableSeed;
import org.dossier.offboarding.TableDump;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordId;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantId;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestFiles;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestS3;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A service moved whole: exported with a row in every tenant-scoped table, an attachment and
 * confidential values, then imported into an empty installation with another master key (same
 * ids, same rows), and beside its original under a new slug (new ids, the same rows but for them,
 * the original untouched); a damaged archive, a failure half-way, another schema version, a wrong
 * passphrase or a slug in use leave the database and the attachments' store as they were.
 */
@Tag("integration")
class TenantMoveTest {
    private static final String PASSPHRASE = "correct horse archive staple";
    private Services services;
    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        services = TestDatabase.services();
        work = Files.createTempDirectory("dossier-tenantmove-test");
    }

    @AfterEach
    void tearDown() {
        TestFiles.deleteRecursively(work);
    }

    /** A service with a row in every tenant-scoped table, and a case file with a confidential note changed once. */
    private Seeded seed(String prefix) {
        String mark = "Deplacezyx" + (System.nanoTime() % 1_000_000);
        Tenant tenant = EveryTableSeed.seed(prefix, mark);
        Actor actor = new Actor("test@example.org", "127.0.0.1");
        ObjectNode data = TestRecords.validData(mark + "conf");
        data.putObject("notes_confidentielles").put("contenu", "Note avant " + mark);
        CaseRecord created = services.records().create(tenant.id(), FormService.CASE_FILE, data, actor, Locale.FRENCH);
        ((ObjectNode) data.get("notes_confidentielles")).put("contenu", "Note après " + mark);
        CaseRecord updated = services.records().update(tenant.id(), created.id(), created.lockVersion(), data, actor,
                Locale.FRENCH);
        assertThat(EveryTableSeed.rows(services, tenant)).as("a row in every tenant-scoped table")
                .hasSameSizeAs(EveryTableSeed.tenantScopedTables(services));
        return new Seeded(tenant, updated.id(), "Note après " + mark);
    }

    record Seeded(Tenant tenant, RecordId confidential, String note) {}

    /**
     * Every row of the service, the statistics' pending deltas first added into their counts: two dumps
     * of the same case files then hold the same counts, whenever each was folded.
     */
    private static Map<String, List<String>> folded(Services services, TenantId tenantId) {
        services.statistics().foldAll();
        return EveryTableSeed.dump(services, tenantId);
    }

    private Path export(Tenant tenant, List<String> progress) {
        Path archive = work.resolve(tenant.slug() + ".zip");
        new ServiceExport(services.jdbi(), services.attachmentStore(), services.encryption(), services.mapper(),
                services.audit(), Clock.systemUTC()).export(tenant.slug(), PASSPHRASE, archive, Actor.system("test"),
                progress::add);
        return archive;
    }

    private static ServiceImport importer(Services into) {
        return new ServiceImport(into.jdbi(), into.attachmentStore(), into.encryption(), into.mapper(), into.audit(),
                into.tenants(), Clock.systemUTC());
    }

    @Test
    void an_archive_loaded_into_an_empty_installation_with_another_master_key_holds_the_same_rows_under_the_same_ids()
            throws Exception {
        Seeded seeded = seed("demenage");
        Map<String, List<String>> before = folded(services, seeded.tenant().id());
        List<String> exportProgress = new ArrayList<>();
        Path archive = export(seeded.tenant(), exportProgress);

        assertThat(exportProgress).anySatisfy(line -> assertThat(line).matches("records: 3 row\\(s\\), \\d+\\.\\d s"));
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            String all = new String(zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).contains("\"schemaVersion\"").contains("\"sha256\"").doesNotContain(seeded.note());
            assertThat(zip.stream().map(ZipEntry::getName)).contains("tenant.json", "members.jsonl",
                    "tables/records.jsonl", "tables/audit_events.jsonl", "manifest.json")
                    .anySatisfy(name -> assertThat(name).startsWith("attachments/"));
            for (ZipEntry entry : zip.stream().toList()) {
                String text = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(text).as("no clear confidential value nor password hash in " + entry.getName())
                        .doesNotContain(seeded.note()).doesNotContain("$argon2");
            }
        }

        try (OtherInstallation other = OtherInstallation.create()) {
            List<String> progress = new ArrayList<>();
            ServiceImport.Imported imported = importer(other.services()).load(archive, PASSPHRASE, Optional.empty(),
                    Actor.system("test"), progress::add);

            assertThat(imported.tenantId()).isEqualTo(seeded.tenant().id().value());
            assertThat(imported.sameIds()).isTrue();
            assertThat(progress).anySatisfy(line -> assertThat(line).matches("records: 3 row\\(s\\), \\d+\\.\\d s"));
            Map<String, List<String>> after = folded(other.services(), seeded.tenant().id());
            assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
            for (String table : before.keySet()) {
                switch (table) {
                    // Another master key wraps the same data key: the only bytes that must differ.
                    case "service_data_keys" -> assertThat(mask(after.get(table), "wrapped_key", "rewrapped_at"))
                            .isEqualTo(mask(before.get(table), "wrapped_key", "rewrapped_at"));
                    // Accounts come without password, session or token (see README).
                    case "users" -> assertThat(mask(after.get(table), "password_hash", "must_change_password",
                            "password_changed_at")).isEqualTo(mask(before.get(table), "password_hash",
                            "must_change_password", "password_changed_at"));
                    case "sessions", "api_tokens" -> assertThat(after.get(table)).isEmpty();
                    // An import run's bookkeeping stays with the installation that ran it (see TableShape).
                    case "import_runs", "import_rows", "import_errors" -> assertThat(after.get(table)).as(table).isEmpty();
                    default -> assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
                }
            }
            assertThat(other.services().records().get(seeded.tenant().id(), seeded.confidential()).data()
                    .at("/notes_confidentielles/contenu").asText()).isEqualTo(seeded.note());
            ChainVerifier.Report chain = new ChainVerifier(other.services().jdbi()).verify(imported.tenantId(), "copy");
            assertThat(chain.intact()).as(String.valueOf(chain.firstBreak())).isTrue();
            assertThat(chain.length()).isGreaterThan(5);
            assertThat(new ChainVerifier(other.services().jdbi()).verify(0, "").intact()).isTrue();
            List<String> attachmentIds = services.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT id FROM attachments WHERE tenant_id = :tenantId ORDER BY id")
                    .bind("tenantId", imported.tenantId()).mapTo(String.class).list());
            assertThat(attachmentIds).hasSize(1);
            assertThat(files(other.dataDir().resolve("attachments")))
                    .containsExactly("t/" + imported.tenantId() + "/" + attachmentIds.get(0));
            assertThat(other.dataDir().resolve("attachments/t/" + imported.tenantId() + "/" + attachmentIds.get(0)))
                    .hasSameBinaryContentAs(attachmentsRoot().resolve("t/" + imported.tenantId() + "/" + attachmentIds.get(0)));
            assertThat(platformEvent(other.services().jdbi(), "tenant.imported")).contains("\"sameIds\":true")
                    .doesNotContain("@");
        }
        assertThat(platformEvent(services.jdbi(), "tenant.exported")).contains("\"slug\":\"" + seeded.tenant().slug() + "\"");
    }

    @Test
    void a_service_deleted_then_imported_from_its_archive_comes_back_row_for_row() throws Exception {
        Seeded seeded = seed("retour");
        Tenant tenant = seeded.tenant();
        Map<String, List<String>> before = folded(services, tenant.id());
        Path archive = export(tenant, new ArrayList<>());
        services.suspension().suspend(tenant.slug(), "moved", Actor.system("test"));
        services.jdbi().useHandle(handle -> handle.createUpdate(
                "UPDATE tenants SET status_changed_at = status_changed_at - INTERVAL 1 MINUTE WHERE id = :id")
                .bind("id", tenant.id().value()).execute());
        services.deletion().delete(tenant.slug(), tenant.slug(), Actor.system("test"));
        assertThat(EveryTableSeed.rows(services, tenant)).as("deleted").isEmpty();

        ServiceImport.Imported imported = importer(services).load(archive, PASSPHRASE, Optional.empty(),
                Actor.system("test"), line -> { });

        assertThat(imported.tenantId()).isEqualTo(tenant.id().value());
        assertThat(imported.sameIds()).isTrue();
        Map<String, List<String>> after = folded(services, tenant.id());
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        for (String table : before.keySet()) {
            switch (table) {
                // The deletion took the accounts that were only this service's; they come back without password.
                case "users" -> assertThat(mask(after.get(table), "password_hash", "must_change_password",
                        "password_changed_at")).isEqualTo(mask(before.get(table), "password_hash", "must_change_password",
                        "password_changed_at"));
                case "sessions", "api_tokens" -> assertThat(after.get(table)).isEmpty();
                // An import run's bookkeeping stays with the installation that ran it (see TableShape).
                case "import_runs", "import_rows", "import_errors" -> assertThat(after.get(table)).as(table).isEmpty();
                // The data key's row included: this installation's master key opens it as it was.
                default -> assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
            }
        }
        assertThat(services.records().get(tenant.id(), seeded.confidential()).data().at("/notes_confidentielles/contenu")
                .asText()).isEqualTo(seeded.note());
        assertThat(new ChainVerifier(services.jdbi()).verify(tenant.id().value(), tenant.slug()).intact()).isTrue();
    }

    @Test
    void an_archive_loaded_beside_its_original_under_a_new_slug_is_a_copy_and_the_original_is_untouched() throws Exception {
        Seeded seeded = seed("original");
        Path archive = export(seeded.tenant(), new ArrayList<>());
        Map<String, List<String>> original = folded(services, seeded.tenant().id());
        String slug = "copie-" + ProcessHandle.current().pid() + "-" + (System.nanoTime() % 1_000_000);

        ServiceImport.Imported imported = importer(services).load(archive, PASSPHRASE, Optional.of(slug),
                Actor.system("test"), line -> { });

        TenantId copy = new TenantId(imported.tenantId());
        assertThat(copy).isNotEqualTo(seeded.tenant().id());
        assertThat(imported.sameIds()).isFalse();
        assertThat(imported.accountsCreated()).isZero();
        assertThat(folded(services, seeded.tenant().id())).as("the original, byte for byte").isEqualTo(original);
        Map<String, List<String>> copied = folded(services, copy);
        for (String table : original.keySet()) {
            // The statistics' counts are not carried either, but the copy's case files count the same.
            if (TableShape.NOT_CARRIED.contains(table) && !table.startsWith("statistics_")) {
                assertThat(copied.get(table)).as(table + ": not carried").isEmpty();
                continue;
            }
            List<String> masked = List.of("tenant_id", "hash", "prev_hash");
            if (table.equals("service_data_keys")) {
                masked = List.of("tenant_id", "wrapped_key", "created_at", "rewrapped_at"); // the copy's own key
            } else if (table.equals("tenants")) {
                masked = List.of("id", "slug");
            } else if (table.equals("kept_posts")) {
                masked = List.of("tenant_id", "id"); // a new id where the original's is taken
            }
            List<String> columns = masked;
            UnaryOperator<String> normal = row -> String.join("", mask(List.of(row.replaceAll(
                    "\\$sealed:v1:[A-Za-z0-9+/]+", "\\$sealed")), columns.toArray(String[]::new)));
            assertThat(copied.get(table).stream().map(normal).sorted().toList()).as(table)
                    .isEqualTo(original.get(table).stream().map(normal).sorted().toList());
        }
        assertThat(services.records().get(copy, seeded.confidential()).data().at("/notes_confidentielles/contenu").asText())
                .isEqualTo(seeded.note());
        assertThat(services.records().get(seeded.tenant().id(), seeded.confidential()).data()
                .at("/notes_confidentielles/contenu").asText()).isEqualTo(seeded.note());
        ChainVerifier verifier = new ChainVerifier(services.jdbi());
        ChainVerifier.Report copyChain = verifier.verify(copy.value(), slug);
        assertThat(copyChain.intact()).as(String.valueOf(copyChain.firstBreak())).isTrue();
        assertThat(copyChain.length()).isEqualTo(verifier.verify(seeded.tenant().id().value(), "original").length());
        assertThat(verifier.verify(seeded.tenant().id().value(), "original").intact()).isTrue();

        // Isolation: the copy's members are the original's (matched by e-mail), with their roles; nobody else.
        long caseworkerId = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT user_id FROM memberships WHERE tenant_id = :tenantId AND role = 'caseworker'")
                .bind("tenantId", copy.value()).mapTo(Long.class).one());
        User caseworker = services.accounts().findById(caseworkerId).orElseThrow();
        String page = "/t/" + slug + "/records/" + seeded.confidential();
        HttpResponse<String> seen = TestClient.browser(caseworker).get(page);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).contains(seeded.note());
        User outsider = TestUsers.member(services, TestTenants.withBaseForm(services, "ailleurs"), Role.ADMIN, true);
        assertThat(TestClient.browser(outsider).get(page).statusCode()).isEqualTo(404);
    }

    @Test
    void a_damaged_archive_another_schema_a_wrong_passphrase_or_a_slug_in_use_is_refused_and_nothing_changes()
            throws Exception {
        Seeded seeded = seed("refus");
        Path archive = export(seeded.tenant(), new ArrayList<>());
        Map<String, List<String>> before = TableDump.wholeDatabase(services.jdbi());
        List<String> filesBefore = files(attachmentsRoot());
        String slug = "refus-" + ProcessHandle.current().pid() + "-" + (System.nanoTime() % 1_000_000);

        Path damaged = rewrite(archive, "tables/records.jsonl", text -> text.replace("Hélène", "Helene"));
        assertThatThrownBy(() -> importer(services).load(damaged, PASSPHRASE, Optional.of(slug), Actor.system("test"),
                line -> { })).isInstanceOf(TenantMoveRefusedException.class)
                .hasMessageContaining("tables/records.jsonl").hasMessageContaining("nothing was imported");
        // Altered along with its manifest's checksum: the passphrase-wrapped key is bound to the manifest.
        Path forged = rewrite(archive, "tables/records.jsonl", text -> text.replace("Hélène", "Hélèna"));
        String oldSha = sha256(archive, "tables/records.jsonl");
        String newSha = sha256(forged, "tables/records.jsonl");
        Path forgedManifest = rewrite(forged, "manifest.json", text -> text.replace(oldSha, newSha));
        assertThatThrownBy(() -> importer(services).load(forgedManifest, PASSPHRASE, Optional.of(slug),
                Actor.system("test"), line -> { })).isInstanceOf(TenantMoveRefusedException.class)
                .hasMessageContaining("the archive was altered");
        Path older = rewrite(archive, "manifest.json", text -> text.replaceFirst("\"schemaVersion\" : \"[\\d.]+\"",
                "\"schemaVersion\" : \"7\""));
        assertThatThrownBy(() -> importer(services).load(older, PASSPHRASE, Optional.of(slug), Actor.system("test"),
                line -> { })).isInstanceOf(TenantMoveRefusedException.class)
                .hasMessageContaining("written at schema version 7").hasMessageContaining("this installation is at");
        assertThatThrownBy(() -> importer(services).load(archive, "not the passphrase", Optional.of(slug),
                Actor.system("test"), line -> { })).isInstanceOf(TenantMoveRefusedException.class)
                .hasMessageContaining("passphrase does not open");
        assertThatThrownBy(() -> importer(services).load(archive, PASSPHRASE, Optional.empty(), Actor.system("test"),
                line -> { })).isInstanceOf(TenantMoveRefusedException.class)
                .hasMessageContaining("slug " + seeded.tenant().slug() + " exists already");

        assertThat(TableDump.wholeDatabase(services.jdbi())).isEqualTo(before);
        assertThat(files(attachmentsRoot())).isEqualTo(filesBefore);
    }

    @Test
    void an_import_failing_half_way_leaves_the_database_and_the_store_as_they_were() throws Exception {
        Seeded seeded = seed("echec");
        Path archive = export(seeded.tenant(), new ArrayList<>());
        Map<String, List<String>> before = TableDump.wholeDatabase(services.jdbi());
        List<String> filesBefore = files(attachmentsRoot());
        String slug = "echec-" + ProcessHandle.current().pid() + "-" + (System.nanoTime() % 1_000_000);
        List<String> progress = new ArrayList<>();
        ServiceImport failing = new ServiceImport(services.jdbi(), services.attachmentStore(), services.encryption(),
                services.mapper(), services.audit(), services.tenants(), Clock.systemUTC(), table -> {
                    if (table.equals("records")) {
                        throw new IllegalStateException("injected failure after the case files");
                    }
                });

        assertThatThrownBy(() -> failing.load(archive, PASSPHRASE, Optional.of(slug), Actor.system("test"), progress::add))
                .hasMessageContaining("injected failure");

        assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("attachments: 1 file(s)"))
                .anySatisfy(line -> assertThat(line).startsWith("records: "))
                .anySatisfy(line -> assertThat(line).isEqualTo("import undone: 1 attachment file(s) removed again"));
        assertThat(TableDump.wholeDatabase(services.jdbi())).isEqualTo(before);
        assertThat(files(attachmentsRoot())).isEqualTo(filesBefore);
        assertThat(services.tenants().find(slug)).isEmpty();
    }

    @Test
    void attachments_move_to_and_from_an_s3_store_and_a_failed_import_leaves_no_object_there() throws Exception {
        Seeded seeded = seed("seau");
        Path archive = export(seeded.tenant(), new ArrayList<>());
        String attachmentId = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id FROM attachments WHERE tenant_id = :tenantId")
                .bind("tenantId", seeded.tenant().id().value()).mapTo(String.class).one());
        byte[] bytes;
        try (InputStream in = services.attachmentStore().open(new ObjectKey(seeded.tenant().id(), attachmentId))) {
            bytes = in.readAllBytes();
        }
        try (S3Store bucket = TestS3.newStore()) {
            String failedSlug = "seau-echec-" + (System.nanoTime() % 1_000_000);
            ServiceImport failing = new ServiceImport(services.jdbi(), bucket, services.encryption(), services.mapper(),
                    services.audit(), services.tenants(), Clock.systemUTC(), table -> {
                        if (table.equals("records")) {
                            throw new IllegalStateException("injected failure");
                        }
                    });
            List<ObjectKey> tried = new ArrayList<>();
            assertThatThrownBy(() -> failing.load(archive, PASSPHRASE, Optional.of(failedSlug), Actor.system("test"),
                    line -> { })).hasMessageContaining("injected failure");
            long nextId = services.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT MAX(id) FROM tenants").mapTo(Long.class).one());
            for (long id = seeded.tenant().id().value(); id <= nextId + 2; id++) {
                tried.add(new ObjectKey(new TenantId(id), attachmentId));
            }
            for (ObjectKey key : tried) {
                assertThat(bucket.exists(key)).as(key.path()).isFalse();
            }

            String slug = "seau-" + (System.nanoTime() % 1_000_000);
            ServiceImport.Imported imported = new ServiceImport(services.jdbi(), bucket, services.encryption(),
                    services.mapper(), services.audit(), services.tenants(), Clock.systemUTC())
                    .load(archive, PASSPHRASE, Optional.of(slug), Actor.system("test"), line -> { });
            try (InputStream in = bucket.open(new ObjectKey(new TenantId(imported.tenantId()), attachmentId))) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }

            Path again = work.resolve("from-s3.zip");
            new ServiceExport(services.jdbi(), bucket, services.encryption(), services.mapper(), services.audit(),
                    Clock.systemUTC()).export(slug, PASSPHRASE, again, Actor.system("test"), line -> { });
            try (ZipFile zip = new ZipFile(again.toFile())) {
                assertThat(zip.getInputStream(zip.getEntry("attachments/" + attachmentId)).readAllBytes()).isEqualTo(bytes);
            }
        }
    }

    private static Path attachmentsRoot() {
        return Config.fromEnvironment().dataDir().resolve("attachments");
    }

    /** A copy of the archive with one entry's text changed, every other entry as it was. */
    private Path rewrite(Path archive, String entryName, UnaryOperator<String> change) throws IOException {
        Path copy = work.resolve("changed-" + System.nanoTime() + ".zip");
        try (ZipFile zip = new ZipFile(archive.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry : zip.stream().toList()) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().equals(entryName)) {
                    String changed = change.apply(new String(bytes, StandardCharsets.UTF_8));
                    assertThat(changed).as("the test changes something").isNotEqualTo(new String(bytes, StandardCharsets.UTF_8));
                    bytes = changed.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return copy;
    }

    private static String sha256(Path archive, String entry) throws Exception {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(zip.getInputStream(zip.getEntry(entry)).readAllBytes()));
        }
    }

    private static List<String> mask(List<String> rows, String... columns) {
        return rows.stream().map(row -> {
            String masked = row;
            for (String column : columns) {
                masked = masked.replaceAll("(^|, )" + column + "=(?:[^,]|,(?! ))*", "$1" + column + "=*");
            }
            return masked;
        }).toList();
    }

    private static List<String> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString()).sorted().toList();
        }
    }

    private static String platformEvent(Jdbi jdbi, String action) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT CAST(details AS CHAR) FROM audit_events
                         WHERE tenant_id = 0 AND action = :action ORDER BY occurred_at DESC, seq DESC LIMIT 1
                        """).bind("action", action).mapTo(String.class).one());
    }
}
