package org.dossier.web.records;

import java.util.Map;
import org.dossier.account.TenantAccess;
import org.dossier.referent.ReferentChoices;
import org.dossier.referent.Referents;
import org.dossier.render.FieldChoices;
import org.dossier.render.RenderOptions;

/**
 * The render options of a case-file page: the confidential grant, and the référent among the
 * service's members. A form offers the select only when the service chose members; a view
 * always shows a member by name (also after the service went back to free text).
 */
final class ReferentOptions {
    private ReferentOptions() {}

    static RenderOptions forForm(Referents referents, TenantAccess access) {
        return forForm(referents, access.tenant(), access.confidential());
    }

    static RenderOptions forForm(Referents referents, org.dossier.tenant.Tenant tenant, boolean confidential) {
        // The members are read only for the select: a service keeping free text has no use for them.
        if (!referents.membersOnly(tenant.id())) {
            return new RenderOptions(confidential);
        }
        return forForm(referents.choices(tenant.id()), confidential);
    }

    /** The form's options from choices already read: a page drawing several sections reads them once. */
    static RenderOptions forForm(ReferentChoices choices, boolean confidential) {
        if (!choices.membersOnly()) {
            return new RenderOptions(confidential);
        }
        return new RenderOptions(confidential,
                Map.of(Referents.POINTER, new FieldChoices(choices.offered(), choices.known())));
    }

    static RenderOptions forView(Referents referents, TenantAccess access) {
        return forView(referents.choices(access.tenant().id()), access);
    }

    static RenderOptions forView(ReferentChoices choices, TenantAccess access) {
        return new RenderOptions(access.confidential(),
                Map.of(Referents.POINTER, new FieldChoices(Map.of(), choices.known())));
    }
}
