package org.dossier.offboarding;

import java.util.List;
import org.dossier.Services;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;

/**
 * A service with a row in every tenant-scoped table, seeded as the service deletion test seeds it,
 * for tests elsewhere that must cover every table (a backup restored, an export round trip): a
 * table added later is seeded there, and so covered here too.
 */
public final class EveryTableSeed {
    private EveryTableSeed() {}

    public static Tenant seed(String slugPrefix, String mark) {
        DeleteServiceTest seeding = new DeleteServiceTest();
        seeding.setUp();
        return seeding.seed(TestTenants.withBaseForm(TestDatabase.services(), slugPrefix), mark).tenant();
    }

    /** Every table of the schema with a {@code tenant_id} column. */
    public static List<String> tenantScopedTables(Services services) {
        return TableDump.tenantScopedTables(services);
    }

    /**
     * The full dump of a service: its rows in every tenant-scoped table, its tenants row, its
     * members' accounts, sessions and tokens, every column as text, rows sorted.
     */
    public static java.util.Map<String, List<String>> dump(Services services, org.dossier.tenant.TenantId tenantId) {
        return TableDump.ofTenant(services, tenantId);
    }

    /** How many rows each tenant-scoped table holds for the service; tables with none are left out. */
    public static java.util.Map<String, Long> rows(Services services, Tenant tenant) {
        return TableDump.remaining(services, tenant.id());
    }
}
