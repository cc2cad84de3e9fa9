package org.dossier.designer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.FormService;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A publish or a pull works on the draft it read: one saved in between is never overwritten or deleted unseen. */
@Tag("integration")
class DraftRaceTest {
    private static final String FORM = FormService.CASE_FILE;

    @Test
    void a_draft_saved_after_it_was_read_stops_the_write_based_on_the_old_one() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "draft-race");
        DesignerService designer = services.designer();
        ObjectNode hidden = services.mapper().createObjectNode();
        hidden.putObject("fields").putObject("accompagnement.antenne").put("hidden", true);

        DesignerService.Draft none = designer.draft(tenant.id(), FORM);
        services.jdbi().useTransaction(handle -> designer.requireUnchanged(handle, tenant.id(), FORM, none));
        designer.saveDraft(tenant.id(), FORM, hidden, Actor.system("first"));
        assertThatThrownBy(() -> services.jdbi().useTransaction(handle -> designer.requireUnchanged(handle, tenant.id(), FORM, none)))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("draftChanged");

        DesignerService.Draft seen = designer.draft(tenant.id(), FORM);
        services.jdbi().useTransaction(handle -> designer.requireUnchanged(handle, tenant.id(), FORM, seen));
        designer.saveDraft(tenant.id(), FORM, hidden.deepCopy().put("note", "second"), Actor.system("second"));
        assertThatThrownBy(() -> services.jdbi().useTransaction(handle -> designer.requireUnchanged(handle, tenant.id(), FORM, seen)))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("draftChanged");
        assertThat(designer.draft(tenant.id(), FORM).customisation().path("note").asText()).isEqualTo("second");
    }
}
