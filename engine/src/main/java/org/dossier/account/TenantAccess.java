package org.dossier.account;

import java.util.Optional;
import org.dossier.tenant.Tenant;

/**
 * What the signed-in user may do in the service named by the URL: the only way a handler of a
 * tenant route learns which tenant it serves.
 *
 * @param membership the user's active membership in the service; empty for a super-admin who
 *                   is not a member, who may manage the service's users and read its audit log
 *                   but not its case files
 */
public record TenantAccess(Tenant tenant, User user, Optional<Membership> membership) {

    public boolean can(Permission permission) {
        if (membership.isPresent()) {
            return membership.get().role().allows(permission);
        }
        return user.superAdmin() && (permission == Permission.MANAGE_USERS || permission == Permission.READ_AUDIT);
    }

    /** The grant to see confidential fields, which only a membership carries. */
    public boolean confidential() {
        return membership.map(Membership::confidential).orElse(false);
    }

    public Optional<Role> role() {
        return membership.map(Membership::role);
    }

    /** True when the user has any business in this service at all. */
    public boolean admitted() {
        return membership.isPresent() || user.superAdmin();
    }
}
