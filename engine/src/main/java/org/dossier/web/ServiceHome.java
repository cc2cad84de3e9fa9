package org.dossier.web;

import org.dossier.account.Permission;
import org.dossier.account.Role;
import org.dossier.account.TenantAccess;

/**
 * Where a member lands in a service: its case files for those who read them, the register of
 * processing for a data protection officer, the users page otherwise (a super-admin who is not a
 * member). The home page's links and the service name in the header lead there.
 */
public final class ServiceHome {
    private ServiceHome() {}

    public static String of(String slug, Role role) {
        return url(slug, role.allows(Permission.READ_RECORDS), role.allows(Permission.DATA_PROTECTION));
    }

    public static String of(TenantAccess access) {
        return url(access.tenant().slug(), access.can(Permission.READ_RECORDS), access.can(Permission.DATA_PROTECTION));
    }

    private static String url(String slug, boolean readsRecords, boolean dataProtection) {
        String base = "/t/" + slug;
        if (readsRecords) {
            return base + "/records";
        }
        return dataProtection ? base + "/admin/register" : base + "/admin/users";
    }
}
