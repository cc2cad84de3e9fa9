package org.dossier.offboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dossier.Services;
import org.dossier.TenantCommandTestHook;
import org.dossier.account.LoginThrottle;
import org.dossier.account.Role;
import org.dossier.account.User;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditEvent;
import org.dossier.audit.AuditLog;
import org.dossier.branding.Logo;
import org.dossier.branding.LogoTest;
import org.dossier.form.FormService;
import org.dossier.onboarding.CloneRequest;
import org.dossier.onboarding.ClonedService;
import org.dossier.record.RecordId;
import org.dossier.retention.CaseFileErasure;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestLogin;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deleting a service: everything of its tenant id goes in one transaction, nothing of another
 * service changes by a byte, no personal data of its people outlives it, and only a tombstone
 * with counts remains. A wrong confirmation, or a service still active, deletes nothing.
 */
@Tag("integration")
class DeleteServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Services services;
    private User superAdmin;
    private TestClient superAdminBrowser;

    /** A seeded service and the people in it. */
    record Seeded(Tenant tenant, User caseworker, String lastNameMark) {}

    @BeforeEach
    void setUp() {
        services = TestDatabase.services();
        superAdmin = TestUsers.superAdmin(services);
        superAdminBrowser = TestClient.browser(superAdmin);
    }

    private static String slug(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + (System.nanoTime() % 1_000_000_000L);
    }

    /**
     * A service with something in every tenant-scoped table: case files, a second published
     * version, a draft, an upstream mark, a logo, members with sessions and tokens, audit events.
     */
    Seeded seed(Tenant tenant, String mark) {
        User caseworker = TestUsers.member(services, tenant, Role.CASEWORKER, true);
        Actor actor = new Actor(caseworker.email(), "127.0.0.1");
        org.dossier.record.CaseRecord held = null;
        for (String name : List.of(mark, mark + "bis")) {
            held = services.records().create(tenant.id(), FormService.CASE_FILE, TestRecords.validData(name), actor,
                    Locale.FRENCH);
        }
        // A file on a case file: its row, and its object in the store, go with the service.
        String file = services.attachments().stage(tenant.id(), List.of(new org.dossier.attachment.AttachmentService.Upload(
                "/accompagnement/pieces_justificatives", "piece-" + mark + ".pdf",
                "%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))), actor, Locale.FRENCH)
                .staged().get(0).id();
        ObjectNode withFile = TestRecords.validData(mark + "bis");
        ((ObjectNode) withFile.get("accompagnement")).putArray("pieces_justificatives").add(file);
        held = services.records().update(tenant.id(), held.id(), held.lockVersion(), withFile, actor, Locale.FRENCH);
        services.archive().placeHold(tenant.id(), held.id(), "Contentieux " + mark, actor);
        // A case file deleted by the lifecycle leaves a tombstone, tenant data deleted with the service.
        RecordId erased = services.records().create(tenant.id(), FormService.CASE_FILE,
                TestRecords.validData(mark + "ter"), actor, Locale.FRENCH).id();
        services.jdbi().useTransaction(handle ->
                new CaseFileErasure().erase(handle, tenant.id(), erased, Instant.now(), Optional.empty()));
        ObjectNode customisation = services.mapper().createObjectNode();
        customisation.putObject("fields").putObject("accompagnement.antenne").put("hidden", true);
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, customisation, actor);
        services.designer().publish(tenant.id(), FormService.CASE_FILE, actor);
        services.designer().saveDraft(tenant.id(), FormService.CASE_FILE, customisation.put("note", mark), actor);
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO form_upstreams (tenant_id, form_key, version, source_version, taken_at)
                        VALUES (:tenantId, 'dossier', 1, 1, :now)
                        """).bind("tenantId", tenant.id()).bind("now", Instant.now()).execute());
        services.logos().save(tenant.id(), Logo.check(LogoTest.image("png", 40, 20)), caseworker.email());
        services.tenants().logoChanged(tenant.id(), true);
        // Each publication keeps its register; the controller's details are the service's too.
        services.register().saveController(tenant.id(), new org.dossier.register.ProcessingRegister.Controller(
                "CCAS " + mark, "", "", "", "", "", "dpd@" + mark.toLowerCase(Locale.ROOT) + ".example", ""), actor);
        services.sessions().open(caseworker, "127.0.0.1");
        TestUsers.token(services, caseworker);
        // An answer kept for a retry (Idempotency-Key): the row of idempotency_keys.
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO idempotency_keys (tenant_id, idempotency_key, request_hash, status, location, body, created_at)
                        VALUES (:tenantId, :key, REPEAT('a', 64), 201, '/api/v1/x', '{}', :now)
                        """).bind("tenantId", tenant.id()).bind("key", "key-" + mark).bind("now", Instant.now()).execute());
        // Sealed with the service's data key, which this creates: the row of service_data_keys.
        services.keptPosts().keep("browser-" + mark, caseworker, tenant.id(), "/t/" + tenant.slug() + "/records/new",
                "/t/" + tenant.slug() + "/records", Map.of("identite.nom", List.of(mark)), actor);
        seedImport(tenant, mark, held.id(), actor);
        // The usage measure writes a row for every service, this one included.
        services.metrics().measureUsage();
        // The statistics fold the service's case files into its counts; a change since is a delta.
        services.statistics().compute(List.of(services.tenants().find(tenant.slug()).orElseThrow()),
                java.time.LocalDate.now(org.dossier.retention.Retention.ZONE));
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE records SET last_activity_at = last_activity_at + INTERVAL 1 SECOND
                         WHERE tenant_id = :tenantId
                        """).bind("tenantId", tenant.id()).execute());
        return new Seeded(tenant, caseworker, mark);
    }

    /**
     * An import with an external id and a bad row: its run, ledger, report, saved mapping, and the
     * external id of a case file seeded above (its row is skipped: the counts of case files stay).
     */
    private void seedImport(Tenant tenant, String mark, RecordId known, Actor actor) {
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        INSERT INTO record_external_ids (tenant_id, form_key, external_id, record_id)
                        VALUES (:t, 'dossier', :ext, :id)""")
                .bind("t", tenant.id()).bind("ext", "X-" + mark).bind("id", known.toBytes()).execute());
        String file = "ref;identite/nom;identite/prenom;accompagnement/statut;accompagnement/date_ouverture\n"
                + "X-" + mark + ";" + mark + "imp;Iris;en_cours;2025-03-14\nY-" + mark + ";;Iris;en_cours;2025-03-14\n";
        var imports = services.imports();
        var run = imports.upload(tenant.id(), FormService.CASE_FILE, "import.csv",
                new java.io.ByteArrayInputStream(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 1_000_000, actor);
        imports.start(tenant.id(), run.id(), org.dossier.imports.ImportRun.Mode.IMPORT, new org.dossier.imports.ImportOptions(
                imports.mapping(tenant.id(), run.id(), Locale.FRENCH), Optional.of("ref"),
                org.dossier.imports.ImportOptions.Existing.SKIP, false, Locale.FRENCH), actor, false);
        imports.execute(tenant.id(), run.id(), org.dossier.imports.RecordImports.Progress.NONE);
        // A file uploaded and never imported: kept on disk until the service goes.
        imports.upload(tenant.id(), FormService.CASE_FILE, "waiting.csv",
                new java.io.ByteArrayInputStream(file.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 1_000_000, actor);
    }

    /** The files of a service's imports under {@code <data dir>/imports/}. */
    private static List<String> importFiles(Tenant tenant) {
        java.nio.file.Path directory = org.dossier.Config.fromEnvironment().dataDir().resolve("imports");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith(tenant.id().value() + "-")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A service created on the services page, as a super-admin does: its first admin's e-mail lands in the platform log. */
    private Tenant createdOnThePage(String adminEmail) {
        String slug = slug("condamne");
        HttpResponse<String> created = superAdminBrowser.postForm("/admin/services", List.of(Map.entry("name", "Service " + slug),
                Map.entry("slug", slug), Map.entry("colour", "#166534"), Map.entry("adminEmail", adminEmail),
                Map.entry("adminName", "Camille Condamnée")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return services.tenants().require(slug);
    }

    /** Suspends the service, then moves the suspension back in time so that it has settled. */
    /** The store's directory of a service's attachment objects (the filesystem store of the tests). */
    private static java.nio.file.Path objects(Tenant tenant) {
        return org.dossier.Config.fromEnvironment().dataDir().resolve("attachments")
                .resolve(org.dossier.attachment.ObjectKey.prefix(tenant.id()));
    }

    private HttpResponse<String> suspend(Tenant tenant) {
        HttpResponse<String> answer = superAdminBrowser.postForm("/admin/services/" + tenant.slug() + "/suspend", List.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        settle(tenant);
        return answer;
    }

    private void settle(Tenant tenant) {
        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE tenants SET status_changed_at = status_changed_at - INTERVAL 1 MINUTE WHERE id = :id")
                .bind("id", tenant.id().value()).execute());
    }

    @Test
    void a_service_suspended_moments_ago_is_not_deleted_until_every_node_has_let_go_of_it() {
        Seeded doomed = seed(TestTenants.withBaseForm(services, "trop-tot"), "Troptotzyx");
        assertThat(superAdminBrowser.postForm("/admin/services/" + doomed.tenant().slug() + "/suspend", List.of())
                .statusCode()).isEqualTo(200);

        HttpResponse<String> refused = deleteFromThePage(doomed.tenant(), doomed.tenant().slug());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("suspendu il y a moins de 30 secondes");
        assertThat(services.tenants().find(doomed.tenant().slug())).isPresent();
        assertThat(TableDump.remaining(services, doomed.tenant().id())).containsEntry("records", 2L);
        settle(doomed.tenant());
        assertThat(deleteFromThePage(doomed.tenant(), doomed.tenant().slug()).statusCode()).isEqualTo(200);
        assertThat(services.tenants().find(doomed.tenant().slug())).isEmpty();
    }

    private HttpResponse<String> deleteFromThePage(Tenant tenant, String confirmation) {
        return superAdminBrowser.postForm("/admin/services/" + tenant.slug() + "/delete", List.of(Map.entry("confirm", confirmation)));
    }

    @Test
    void deleting_a_service_removes_every_row_of_its_tenant_id_and_not_a_byte_of_another_service() {
        Seeded kept = seed(TestTenants.withBaseForm(services, "garde"), "Gardezyx");
        String adminEmail = slug("premiere-admin") + "@test.example";
        Seeded doomed = seed(createdOnThePage(adminEmail), "Condamnezyx");
        User shared = TestUsers.member(services, kept.tenant(), Role.CASEWORKER, false);
        TestUsers.join(services, shared, doomed.tenant(), Role.VIEWER, false);
        TestUsers.join(services, superAdmin, doomed.tenant(), Role.ADMIN, true);
        TestClient sharedBrowser = TestClient.browser(shared);
        TestClient doomedBrowser = TestClient.browser(doomed.caseworker());
        assertThat(TestLogin.post(doomed.caseworker().email(), "wrong password!", null).statusCode()).isEqualTo(401);
        Map<String, List<String>> keptBefore = TableDump.ofTenant(services, kept.tenant().id());
        assertThat(keptBefore.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
        assertThat(TableDump.remaining(services, doomed.tenant().id())).hasSameSizeAs(TableDump.tenantScopedTables(services));

        java.nio.file.Path doomedObjects = objects(doomed.tenant());
        assertThat(java.nio.file.Files.isDirectory(doomedObjects)).isTrue();
        assertThat(importFiles(doomed.tenant())).isNotEmpty();
        suspend(doomed.tenant());
        HttpResponse<String> confirmation = superAdminBrowser.get("/admin/services/" + doomed.tenant().slug() + "/delete");
        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertThat(confirmation.body()).contains("name=\"confirm\"")
                .contains("<tr><th scope=\"row\">Dossiers</th><td class=\"number\">2</td></tr>")
                .contains("<tr><th scope=\"row\">Membres du service</th><td class=\"number\">4</td></tr>")
                .contains("<tr><th scope=\"row\">Comptes sans autre service (ni super-administrateur)</th><td class=\"number\">2</td></tr>");
        HttpResponse<String> deleted = deleteFromThePage(doomed.tenant(), doomed.tenant().slug());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).containsPattern("a été supprimé en \\d+ ms")
                .contains("<tr><th scope=\"row\">Dossiers</th><td class=\"number\">2</td></tr>");
        assertThat(TableDump.ofTenant(services, kept.tenant().id())).isEqualTo(keptBefore);
        assertThat(TableDump.remaining(services, doomed.tenant().id())).isEmpty();
        // Its files' objects left the store after the commit; the other service's stay.
        assertThat(java.nio.file.Files.exists(doomedObjects)).isFalse();
        assertThat(java.nio.file.Files.isDirectory(objects(kept.tenant()))).isTrue();
        // So did the files its imports kept; the other service's stay.
        assertThat(importFiles(doomed.tenant())).isEmpty();
        assertThat(importFiles(kept.tenant())).isNotEmpty();
        assertThat(services.tenants().find(doomed.tenant().slug())).isEmpty();
        // The people who worked only there are gone, with everything that named them; the others stay.
        for (String gone : List.of(doomed.caseworker().email(), adminEmail, doomed.lastNameMark())) {
            assertThat(TableDump.whereFound(services, gone)).as(gone).isEmpty();
        }
        long throttled = services.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM login_throttle WHERE throttle_key = :key")
                .bind("key", LoginThrottle.accountKey(doomed.caseworker().email())).mapTo(Long.class).one());
        assertThat(throttled).isZero();
        assertThat(services.accounts().findByEmail(shared.email())).isPresent();
        assertThat(services.accounts().membershipsOf(shared.id())).singleElement()
                .satisfies(membership -> assertThat(membership.tenantId()).isEqualTo(kept.tenant().id()));
        assertThat(services.accounts().findByEmail(superAdmin.email())).isPresent();
        // Open sessions: the shared member still works in the other service; the deleted one is unknown to them.
        assertThat(sharedBrowser.get("/t/" + kept.tenant().slug() + "/records").statusCode()).isEqualTo(200);
        assertThat(sharedBrowser.get("/t/" + doomed.tenant().slug() + "/records").statusCode()).isEqualTo(404);
        assertThat(doomedBrowser.get("/").statusCode()).isEqualTo(303);
        assertThat(superAdminBrowser.get("/admin/services").body()).doesNotContain(doomed.tenant().slug());
    }

    @Test
    void the_tombstone_holds_the_slug_the_counts_who_and_when_and_no_personal_data() {
        String adminEmail = slug("tombe-admin") + "@test.example";
        Seeded doomed = seed(createdOnThePage(adminEmail), "Tombezyx");
        suspend(doomed.tenant());
        TestClient script = TestClient.api(services, superAdmin);

        HttpResponse<String> deleted = script.send("DELETE", "/api/v1/tenants/" + doomed.tenant().slug(), "application/json",
                "{\"confirm\":\"" + doomed.tenant().slug() + "\"}");

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        JsonNode answer = TestClient.json(deleted);
        assertThat(answer.get("slug").asText()).isEqualTo(doomed.tenant().slug());
        assertThat(answer.get("tookMs").isIntegralNumber()).isTrue();
        assertThat(answer.get("redactedPlatformEvents").asLong()).isEqualTo(1);
        List<AuditEvent> tombstones = TestAudit.events(services, AuditLog.PLATFORM_TENANT, "tenant.deleted", superAdmin.email());
        assertThat(tombstones).singleElement().satisfies(tombstone -> {
            assertThat(tombstone.targetId()).isEqualTo(doomed.tenant().id().toString());
            assertThat(tombstone.occurredAt()).isBefore(Instant.now());
            JsonNode details = readTree(tombstone.details());
            assertThat(details.get("slug").asText()).isEqualTo(doomed.tenant().slug());
            assertThat(details.get("deleted")).isEqualTo(answer.get("deleted"));
            assertThat(details.at("/deleted/records").asLong()).isEqualTo(2);
            assertThat(details.at("/deleted/formVersions").asLong()).isEqualTo(2);
            assertThat(details.at("/deleted/formDrafts").asLong()).isEqualTo(1);
            assertThat(details.at("/deleted/formUpstreams").asLong()).isEqualTo(1);
            assertThat(details.at("/deleted/logos").asLong()).isEqualTo(1);
            assertThat(details.at("/deleted/memberships").asLong()).isEqualTo(2);
            assertThat(details.at("/deleted/auditEvents").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(details.at("/deleted/accounts").asLong()).isEqualTo(2);
            assertThat(details.at("/deleted/sessions").asLong()).isEqualTo(1);
            assertThat(details.at("/deleted/apiTokens").asLong()).isEqualTo(1);
            assertThat(details.at("/deleted/caseFileTombstones").asLong()).isEqualTo(1);
            assertThat(details.at("/deleted/attachments").asLong()).isEqualTo(1);
            assertThat(tombstone.details()).doesNotContain(adminEmail).doesNotContain(doomed.caseworker().email())
                    .doesNotContain("Camille").doesNotContain(doomed.caseworker().displayName())
                    .doesNotContain(doomed.lastNameMark()).doesNotContain("@");
        });
        // The super-admins' own trail about the service stays, without its first admin's e-mail.
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "tenant.created", superAdmin.email()))
                .filteredOn(event -> event.targetId().equals(doomed.tenant().id().toString())).singleElement()
                .satisfies(event -> assertThat(TestAudit.details(event)).containsEntry("slug", doomed.tenant().slug())
                        .doesNotContainKey("adminEmail"));
        assertThat(superAdminBrowser.get("/admin/audit?action=tenant.deleted").body()).contains(doomed.tenant().slug());
    }

    @Test
    void a_wrong_confirmation_or_a_service_still_active_deletes_nothing() {
        Seeded doomed = seed(TestTenants.withBaseForm(services, "sauve"), "Sauvezyx");
        TestClient script = TestClient.api(services, superAdmin);
        String slug = doomed.tenant().slug();
        // A member's token cannot delete, even with the right confirmation.
        assertThat(TestClient.api(services, doomed.caseworker()).delete("/api/v1/tenants/" + slug + "?confirm=" + slug)
                .statusCode()).isEqualTo(403);
        Map<String, List<String>> before = withoutAuditAndStatus(TableDump.ofTenant(services, doomed.tenant().id()));

        HttpResponse<String> active = deleteFromThePage(doomed.tenant(), slug);
        assertThat(active.statusCode()).isEqualTo(409);
        assertThat(active.body()).contains("Suspendez d&#39;abord ce service").contains("Rien n&#39;a été supprimé.");
        assertThat(superAdminBrowser.get("/admin/services/" + slug + "/delete").body())
                .contains("Seul un service suspendu peut être supprimé").doesNotContain("name=\"confirm\"");
        suspend(doomed.tenant());
        for (String wrong : List.of("", slug.toUpperCase(Locale.ROOT), slug + "x", "pasq")) {
            HttpResponse<String> refused = deleteFromThePage(doomed.tenant(), wrong);
            assertThat(refused.statusCode()).as(wrong).isEqualTo(422);
            assertThat(refused.body()).contains("n&#39;est pas celui du service : rien n&#39;a été supprimé")
                    .contains("aria-invalid=\"true\"");
        }
        HttpResponse<String> withoutConfirm = script.delete("/api/v1/tenants/" + slug);
        assertThat(withoutConfirm.statusCode()).isEqualTo(422);
        assertThat(TestClient.json(withoutConfirm).at("/errors/0/code").asText()).isEqualTo("confirmationMismatch");
        assertThat(script.delete("/api/v1/tenants/" + slug + "?confirm=autre").statusCode()).isEqualTo(422);
        assertThat(script.send("DELETE", "/api/v1/tenants/" + slug, "application/json", "{\"confirm\":42}").statusCode())
                .isEqualTo(400);
        assertThat(script.send("DELETE", "/api/v1/tenants/" + slug, "application/json", "{\"confirme\":\"" + slug + "\"}")
                .statusCode()).isEqualTo(400);
        assertThat(runDelete("--slug", slug, "--confirm", slug + "-x")).isEqualTo(1);

        assertThat(withoutAuditAndStatus(TableDump.ofTenant(services, doomed.tenant().id()))).isEqualTo(before);
        assertThat(services.tenants().find(slug)).isPresent();
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "tenant.deleted", superAdmin.email())).isEmpty();
    }

    @Test
    void a_clone_of_a_deleted_service_only_loses_its_link_to_it() {
        Seeded source = seed(TestTenants.withBaseForm(services, "source-supprimee"), "Sourcezyx");
        String cloneSlug = slug("clone-orphelin");
        ClonedService clone = services.onboarding().clone(new CloneRequest(
                source.tenant().slug(), cloneSlug, "Clone", cloneSlug + "@test.example", ""), Actor.system("test"));
        Map<String, List<String>> cloneBefore = TableDump.ofTenant(services, clone.tenant().id());
        suspend(source.tenant());

        HttpResponse<String> deleted = deleteFromThePage(source.tenant(), source.tenant().slug());

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("détachés de leur source (non supprimés)</th><td class=\"number\">1</td>");
        Map<String, List<String>> cloneAfter = TableDump.ofTenant(services, clone.tenant().id());
        assertThat(cloneAfter.get("tenants")).singleElement().asString().contains("source_tenant_id=null");
        assertThat(cloneBefore.get("tenants")).singleElement().asString()
                .contains("source_tenant_id=" + source.tenant().id());
        cloneBefore.remove("tenants");
        cloneAfter.remove("tenants");
        assertThat(cloneAfter).isEqualTo(cloneBefore);
        assertThat(services.forms().latest(clone.tenant().id(), FormService.CASE_FILE).version()).isEqualTo(1);
    }

    @Test
    void the_command_line_deletes_a_suspended_service_and_prints_the_counts_and_the_time() {
        Seeded doomed = seed(TestTenants.withBaseForm(services, "cli-supprime"), "Clizyx");
        assertThat(runDelete("--slug", doomed.tenant().slug(), "--confirm", doomed.tenant().slug())).as("active").isEqualTo(1);
        assertThat(services.tenants().find(doomed.tenant().slug())).isPresent();
        assertThat(TenantCommandTestHook.suspendCommand(services).execute("--slug", doomed.tenant().slug())).isZero();
        settle(doomed.tenant());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = runDelete("--slug", doomed.tenant().slug(), "--confirm", doomed.tenant().slug());
        } finally {
            System.setOut(previous);
        }

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("Deleted service " + doomed.tenant().slug() + " in \\d+ ms")
                .contains("  records: 2").contains("  accounts: 1").contains("  logos: 1").contains("tenant.deleted");
        assertThat(TableDump.remaining(services, doomed.tenant().id())).isEmpty();
        assertThat(TestAudit.events(services, AuditLog.PLATFORM_TENANT, "tenant.deleted", "cli:tenant-delete"))
                .anySatisfy(event -> assertThat(event.targetId()).isEqualTo(doomed.tenant().id().toString()));
    }

    private int runDelete(String... args) {
        return TenantCommandTestHook.deleteCommand(services).execute(args);
    }

    /** A dump without what suspending changes: the status column, and the audit events it adds (and its chain's head). */
    private static Map<String, List<String>> withoutAuditAndStatus(Map<String, List<String>> dump) {
        Map<String, List<String>> rest = new java.util.LinkedHashMap<>(dump);
        rest.remove("audit_events");
        rest.remove("audit_chain_heads");
        rest.put("tenants", rest.get("tenants").stream().map(row -> row.replaceAll("status=\\w+", "status=?")
                .replaceAll("status_changed_at=[^,}\\]]*", "status_changed_at=?")).toList());
        return rest;
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
