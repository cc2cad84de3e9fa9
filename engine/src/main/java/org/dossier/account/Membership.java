package org.dossier.account;

import org.dossier.tenant.TenantId;

/**
 * A user's place in one service.
 *
 * @param confidential the grant to see confidential fields, separate from the role
 * @param active       false once an admin deactivated the member (the row is kept for the audit
 *                     trail), and while the membership is a pending invitation
 * @param pending      an invitation the person has not accepted yet: it gives no access at all
 */
public record Membership(TenantId tenantId, long userId, Role role, boolean confidential, boolean active,
                         boolean pending) {}
