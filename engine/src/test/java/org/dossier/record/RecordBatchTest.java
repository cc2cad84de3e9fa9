package org.dossier.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.dossier.Services;
import org.dossier.attachment.Attachment;
import org.dossier.attachment.AttachmentService;
import org.dossier.audit.Actor;
import org.dossier.audit.ChainVerifier;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The batch entry point of the save ({@link RecordService#createAllIn}): each case file as the
 * single save would store it, an invalid one refused alone, one naming files linked through the
 * single save, one naming an unknown file rolled back to its savepoint with nothing left of it.
 */
@Tag("integration")
class RecordBatchTest {
    @Test
    void a_batch_stores_the_valid_links_the_files_and_rolls_back_only_the_refused() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "record-batch");
        Actor actor = new Actor("batch@test.example", null);
        Attachment lease = services.attachments().stage(tenant.id(), List.of(new AttachmentService.Upload(
                "/accompagnement/pieces_justificatives", "bail.pdf", "%PDF-1.4 bail".getBytes())), actor,
                Locale.FRENCH).staged().get(0);
        ObjectNode withFile = TestRecords.validData("Avecfichier");
        ((ObjectNode) withFile.get("accompagnement")).putArray("pieces_justificatives").add(lease.id());
        ObjectNode unknownFile = TestRecords.validData("Fichierinconnu");
        ((ObjectNode) unknownFile.get("accompagnement")).putArray("pieces_justificatives")
                .add(UUID.randomUUID().toString());
        ObjectNode invalid = TestRecords.validData("Invalide");
        ((ObjectNode) invalid.get("identite")).remove("nom");
        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);

        List<RecordService.Created> created = services.jdbi().inTransaction(handle -> services.records().createAllIn(
                handle, tenant.id(), form, List.<JsonNode>of(TestRecords.validData("Simple"), withFile, unknownFile,
                        invalid), actor, Locale.FRENCH));

        assertThat(created).extracting(each -> each.id().isPresent()).containsExactly(true, true, false, false);
        assertThat(created.get(2).errors()).extracting(error -> error.code()).containsExactly("attachmentUnknown");
        assertThat(created.get(3).errors()).extracting(error -> error.path()).contains("/identite/nom");
        assertThat(count(services, tenant, "SELECT COUNT(*) FROM records WHERE tenant_id = :t")).isEqualTo(2);
        assertThat(count(services, tenant, "SELECT COUNT(*) FROM record_changes WHERE tenant_id = :t")).isEqualTo(2);
        assertThat(count(services, tenant,
                "SELECT COUNT(*) FROM audit_events WHERE tenant_id = :t AND action = 'record.created'")).isEqualTo(2);
        assertThat(services.attachments().all(tenant.id(), created.get(1).id().get())).extracting(Attachment::id)
                .containsExactly(lease.id());
        assertThat(services.records().get(tenant.id(), created.get(0).id().get()).data().at("/identite/nom").asText())
                .isEqualTo("Simple");
        assertThat(services.records().getAll(tenant.id(), created.stream().flatMap(each -> each.id().stream()).toList()))
                .hasSize(2);
        assertThat(new ChainVerifier(services.jdbi()).verify(tenant.id().value(), tenant.slug()).intact()).isTrue();
    }

    private static long count(Services services, Tenant tenant, String sql) {
        return services.jdbi().withHandle(handle -> handle.createQuery(sql).bind("t", tenant.id()).mapTo(Long.class)
                .one());
    }
}
