/** Tenants (partner services): lookup by slug, creation. The tenants table is the only platform-level table. */
package org.dossier.tenant;
