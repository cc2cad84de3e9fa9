package org.dossier.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.form.InvisibleFieldPruner;
import org.dossier.form.VisibleWhen;
import org.dossier.record.CaseRecord;
import org.dossier.record.RecordCheck;
import org.dossier.record.RecordId;
import org.dossier.record.RecordService;
import org.dossier.record.RecordValidationException;
import org.dossier.retention.CaseFileErasure;
import org.dossier.retention.ErasureRequests;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.Pacing;
import org.dossier.retention.PassLock;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantId;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.dossier.validation.RecordValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attachments stored, linked, refused and deleted with their case file, against the real database
 * and store: the filesystem here, an S3-compatible server in {@link AttachmentServiceOnS3Test}. The
 * tests look at the store itself, not at the database's idea of it.
 */
@Tag("integration")
public class AttachmentServiceTest {
    static final String FIELD = "/accompagnement/pieces_justificatives";

    private Services services;
    private Tenant tenant;
    private Actor actor;

    /** The application on the store under test. */
    protected Services wire() {
        return TestDatabase.services();
    }

    @BeforeEach
    void setUp() {
        services = wire();
        tenant = TestTenants.withBaseForm(services, "pieces");
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        actor = new Actor(caseworker.email(), "127.0.0.1");
    }

    /** Where the filesystem store keeps an object: the test looks at the directory itself. */
    public static Path objectFile(ObjectKey key) {
        return Config.fromEnvironment().dataDir().resolve("attachments").resolve(key.path());
    }

    static byte[] pdf(String text) {
        return ContentTypesTest.pdf(text);
    }

    private AttachmentService.Staging stage(AttachmentService service, String name, byte[] bytes) {
        return service.stage(tenant.id(), List.of(new AttachmentService.Upload(FIELD, name, bytes)), actor,
                Locale.FRENCH);
    }

    private static ObjectNode naming(ObjectNode data, String... ids) {
        var list = ((ObjectNode) data.get("accompagnement")).putArray("pieces_justificatives");
        for (String id : ids) {
            list.add(id);
        }
        return data;
    }

    private CaseRecord withFiles(String lastName, String... names) {
        List<String> ids = new java.util.ArrayList<>();
        for (String name : names) {
            ids.add(stage(services.attachments(), name, pdf(name)).staged().get(0).id());
        }
        return services.records().create(tenant.id(), FormService.CASE_FILE,
                naming(TestRecords.validData(lastName), ids.toArray(String[]::new)), actor, Locale.FRENCH);
    }

    private long rows(String where) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM attachments WHERE tenant_id = :t AND " + where)
                .bind("t", tenant.id().value()).mapTo(Long.class).one());
    }

    @Test
    void a_file_staged_and_named_by_a_save_becomes_the_case_files_with_its_name_type_size_and_hash() throws Exception {
        byte[] bytes = pdf("quittance");
        AttachmentService.Staging staging = stage(services.attachments(), "C:\\Mes documents\\Quittance « mars ».pdf", bytes);
        assertThat(staging.errors()).isEmpty();
        Attachment staged = staging.staged().get(0);
        try (InputStream stored = services.attachmentStore().open(staged.key())) {
            assertThat(stored.readAllBytes()).isEqualTo(bytes);
        }

        CaseRecord record = services.records().create(tenant.id(), FormService.CASE_FILE,
                naming(TestRecords.validData("Piecezyx"), staged.id()), actor, Locale.FRENCH);

        List<Attachment> files = services.attachments().all(tenant.id(), record.id());
        assertThat(files).singleElement().satisfies(file -> {
            assertThat(file.id()).isEqualTo(staged.id());
            assertThat(file.recordId()).contains(record.id());
            assertThat(file.fieldPath()).isEqualTo(FIELD);
            assertThat(file.fileName()).isEqualTo("Quittance « mars ».pdf");
            assertThat(file.contentType()).isEqualTo(ContentTypes.PDF);
            assertThat(file.size()).isEqualTo(bytes.length);
            assertThat(file.sha256()).isEqualTo(AttachmentService.sha256(bytes)).hasSize(64);
        });
        assertThat(record.data().at(FIELD).get(0).asText()).isEqualTo(staged.id());
    }

    @Test
    void a_file_whose_content_is_not_an_accepted_type_is_refused_on_its_field_and_nothing_is_stored() throws Exception {
        long objectsBefore = objects(tenant.id());
        AttachmentService.Staging staging = stage(services.attachments(), "rapport.pdf",
                "<html><body>pas un PDF</body></html>".getBytes(StandardCharsets.UTF_8));

        assertThat(staging.staged()).isEmpty();
        assertThat(staging.errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo(FIELD);
            assertThat(error.code()).isEqualTo("attachmentType");
            assertThat(error.message()).startsWith("« rapport.pdf » n'est pas d'un type accepté");
        });
        assertThat(rows("1 = 1")).isZero();
        assertThat(objects(tenant.id())).isEqualTo(objectsBefore);
    }

    @Test
    void a_file_over_the_file_limit_is_refused_on_its_field_before_anything_is_stored() throws Exception {
        AttachmentService small = service(new AttachmentSettings(1024, 4096));
        AttachmentService.Staging staging = stage(small, "gros.pdf", pdf("x".repeat(1100)));

        assertThat(staging.staged()).isEmpty();
        assertThat(staging.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("attachmentTooLarge");
            assertThat(error.message()).isEqualTo("« gros.pdf » dépasse 0,001 Mo, la taille permise pour un fichier.");
        });
        assertThat(rows("1 = 1")).isZero();
        assertThat(objects(tenant.id())).isZero();
    }

    @Test
    void a_save_taking_the_case_file_over_its_limit_is_refused_and_its_files_then_leave_no_row_and_no_object()
            throws Exception {
        AttachmentService small = service(new AttachmentSettings(1024, 1500));
        RecordService records = records(small);
        Attachment first = stage(small, "un.pdf", pdf("a".repeat(700))).staged().get(0);
        Attachment second = stage(small, "deux.pdf", pdf("b".repeat(700))).staged().get(0);

        assertThatThrownBy(() -> records.create(tenant.id(), FormService.CASE_FILE,
                naming(TestRecords.validData("Tropzyx"), first.id(), second.id()), actor, Locale.FRENCH))
                .isInstanceOfSatisfying(RecordValidationException.class, e -> assertThat(e.errors())
                        .singleElement().satisfies(error -> {
                            assertThat(error.path()).isEqualTo(FIELD);
                            assertThat(error.code()).isEqualTo("attachmentCaseFileTooLarge");
                        }));
        assertThat(TestRecords.storedCount(services, tenant)).isZero();
        assertThat(rows("record_id IS NOT NULL")).isZero(); // the save's transaction rolled back
        small.discard(List.of(first, second)); // what the page does with a refused save's files
        assertThat(rows("1 = 1")).isZero();
        assertThat(stored(first.key())).isFalse();
        assertThat(stored(second.key())).isFalse();
    }

    @Test
    void a_save_naming_a_file_that_is_not_one_of_the_case_file_is_refused() {
        CaseRecord other = withFiles("Autrezyx", "autre.pdf");
        String othersFile = services.attachments().all(tenant.id(), other.id()).get(0).id();

        assertThatThrownBy(() -> services.records().create(tenant.id(), FormService.CASE_FILE,
                naming(TestRecords.validData("Volezyx"), othersFile), actor, Locale.FRENCH))
                .isInstanceOfSatisfying(RecordValidationException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.code()).containsExactly("attachmentUnknown"));
        assertThat(services.attachments().all(tenant.id(), other.id())).singleElement()
                .satisfies(file -> assertThat(file.id()).isEqualTo(othersFile));
    }

    @Test
    void a_save_that_drops_a_file_deletes_its_row_and_its_object() {
        CaseRecord record = withFiles("Retirezyx", "garde.pdf", "retire.pdf");
        List<Attachment> files = services.attachments().all(tenant.id(), record.id());
        ObjectNode data = naming(TestRecords.validData("Retirezyx"), files.get(0).id());

        services.records().update(tenant.id(), record.id(), record.lockVersion(), data, actor, Locale.FRENCH);

        assertThat(services.attachments().all(tenant.id(), record.id())).extracting(Attachment::fileName)
                .containsExactly("garde.pdf");
        assertThat(stored(files.get(0).key())).isTrue();
        assertThat(stored(files.get(1).key())).isFalse();
        assertThat(services.attachments().deletions().pending()).isZero();
    }

    @Test
    void an_erasure_deletes_the_case_files_files_rows_and_objects_and_counts_them() {
        CaseRecord record = withFiles("Effacezyx", "un.pdf", "deux.pdf");
        List<Attachment> files = services.attachments().all(tenant.id(), record.id());
        ErasureRequests erasures = new ErasureRequests(services.jdbi(), services.audit(), services.mapper(),
                Clock.systemUTC(), services.attachments()::afterCommit);

        erasures.erase(tenant.id(), record.id(), record.lockVersion(), "Demande de la personne", actor);

        assertThat(services.attachments().all(tenant.id(), record.id())).isEmpty();
        assertThat(rows("1 = 1")).isZero();
        assertThat(files).allSatisfy(file -> assertThat(stored(file.key())).isFalse());
        assertThat(org.dossier.testing.TestAudit.events(services, tenant.id().value(), "record.erased", actor.id()))
                .singleElement().satisfies(event -> assertThat(event.details()).contains("\"attachments\":2"));
    }

    @Test
    void the_lifecycle_pass_deletes_the_files_of_the_case_files_it_deletes_rows_and_objects() {
        CaseRecord due = withFiles("Vieuxzyx", "ancien.pdf");
        CaseRecord kept = withFiles("Actifzyx", "actuel.pdf");
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE records SET last_activity_at = :at WHERE tenant_id = :t AND id = :id")
                .bind("at", Instant.parse("2015-05-01T10:00:00Z")).bind("t", tenant.id().value())
                .bind("id", due.id().toBytes()).execute());
        Attachment old = services.attachments().all(tenant.id(), due.id()).get(0);
        Attachment current = services.attachments().all(tenant.id(), kept.id()).get(0);
        LifecyclePass pass = new LifecyclePass(services.jdbi(), () -> List.of(services.tenants().require(tenant.slug())),
                services.mapper(), Clock.fixed(Instant.now(), ZoneOffset.UTC), new PassLock(services.jdbi()),
                LifecyclePass.BATCH, Pacing.DEFAULT, services.attachments()::afterCommit);

        LifecyclePass.Run run = pass.run("test", LifecyclePass.Progress.NONE).orElseThrow();

        assertThat(run.deleted()).isEqualTo(1);
        assertThat(run.services()).singleElement().satisfies(counts -> assertThat(counts.attachments()).isEqualTo(1));
        assertThat(new org.dossier.retention.RetentionOverview(services.jdbi(), services.mapper()).lastRuns(20).stream()
                .filter(stored -> stored.id().equals(run.id())).findFirst().orElseThrow().services())
                .singleElement().satisfies(counts -> assertThat(counts.attachments()).isEqualTo(1));

        assertThat(services.attachments().all(tenant.id(), due.id())).isEmpty();
        assertThat(stored(old.key())).isFalse();
        assertThat(services.attachments().all(tenant.id(), kept.id())).singleElement()
                .satisfies(file -> assertThat(file.id()).isEqualTo(current.id()));
        assertThat(stored(current.key())).isTrue();
    }

    @Test
    void an_object_deletion_interrupted_after_the_commit_is_finished_by_the_next_run() throws Exception {
        CaseRecord record = withFiles("Interrompuzyx", "reste.pdf");
        Attachment file = services.attachments().all(tenant.id(), record.id()).get(0);
        // The rows go and the commit happens, but nothing deletes the object yet (a crash right after the commit).
        services.jdbi().useTransaction(handle -> new CaseFileErasure().erase(handle, tenant.id(), record.id(),
                Instant.now(), Optional.empty()));
        assertThat(rows("1 = 1")).isZero();
        assertThat(stored(file.key())).isTrue();
        // A run whose store fails leaves the deletion queued.
        assertThat(new AttachmentDeletions(services.jdbi(), failingStore()).finish()).isZero();
        assertThat(stored(file.key())).isTrue();
        assertThat(queued(file.id())).isTrue();

        int finished = services.attachments().deletions().finish();

        assertThat(finished).isGreaterThanOrEqualTo(1);
        assertThat(stored(file.key())).isFalse();
        assertThat(queued(file.id())).isFalse();
    }

    @Test
    void a_download_is_refused_for_another_case_files_file_and_for_a_confidential_field_without_the_grant() {
        CaseRecord record = withFiles("Lirezyx", "lu.pdf");
        CaseRecord other = withFiles("Autrezyx", "autre.pdf");
        Attachment file = services.attachments().all(tenant.id(), record.id()).get(0);

        assertThatThrownBy(() -> services.attachments().download(tenant.id(), other.id(), file.id(), actor, List.of(),
                true)).isInstanceOf(NoSuchAttachmentException.class);
        assertThatThrownBy(() -> services.attachments().download(tenant.id(), record.id(), file.id(), actor,
                List.of("/accompagnement"), false)).isInstanceOf(NoSuchAttachmentException.class);
        assertThat(services.attachments().download(tenant.id(), record.id(), file.id(), actor,
                List.of("/accompagnement"), true).id()).isEqualTo(file.id());
        assertThat(services.attachments().visible(tenant.id(), record.id(), List.of("/accompagnement"), false)).isEmpty();
        assertThat(org.dossier.testing.TestAudit.events(services, tenant.id().value(), "record.attachment.read",
                actor.id())).hasSize(1);
    }

    private boolean queued(String objectId) {
        return services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM attachment_deletions WHERE service_id = :s AND object_id = :o")
                .bind("s", tenant.id().value()).bind("o", objectId).mapTo(Long.class).one()) > 0;
    }

    /** The bytes the store holds for a service: what a refused upload must not change. */
    private long objects(TenantId tenantId) throws IOException {
        return services.attachmentStore().bytes(tenantId);
    }

    private boolean stored(ObjectKey key) {
        try {
            return services.attachmentStore().exists(key);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private AttachmentService service(AttachmentSettings settings) {
        return new AttachmentService(services.jdbi(), services.attachmentStore(), settings, services.messages(),
                services.audit(), services.mapper(), Clock.systemUTC());
    }

    private RecordService records(AttachmentService attachments) {
        return new RecordService(services.jdbi(), services.mapper(), services.forms(),
                new RecordValidator(services.messages()), services.messages(), new InvisibleFieldPruner(new VisibleWhen()),
                services.audit(), RecordCheck.NONE, Clock.systemUTC(), null, attachments);
    }

    private static AttachmentStore failingStore() {
        return new AttachmentStore() {
            @Override
            public void put(ObjectKey key, InputStream content, long size, String contentType) throws IOException {
                throw new IOException("store unavailable");
            }

            @Override
            public InputStream open(ObjectKey key) throws IOException {
                throw new IOException("store unavailable");
            }

            @Override
            public boolean exists(ObjectKey key) throws IOException {
                throw new IOException("store unavailable");
            }

            @Override
            public void delete(ObjectKey key) throws IOException {
                throw new IOException("store unavailable");
            }

            @Override
            public long deleteService(TenantId tenantId) throws IOException {
                throw new IOException("store unavailable");
            }

            @Override
            public long bytes(TenantId tenantId) throws IOException {
                throw new IOException("store unavailable");
            }

            @Override
            public Optional<URI> presignedDownload(ObjectKey key, Duration validity, String fileName, String contentType) {
                return Optional.empty();
            }

            @Override
            public String describe() {
                return "failing";
            }
        };
    }
}
