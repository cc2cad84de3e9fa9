package org.dossier.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dossier.Services;
import org.dossier.db.JdbiTypes;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A service suspended on this node is refused from its next request, even when a lookup read it
 * as active just before the suspension committed and keeps its row only after the node emptied
 * its cache: that row belongs to an older generation and is never answered.
 */
@Tag("integration")
class TenantLookupRaceTest {

    @Test
    void a_lookup_read_before_a_suspension_and_kept_after_it_is_not_answered() throws Exception {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "lookup-race");
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        Jdbi node = Jdbi.create(TestDatabase.database().dataSource()).installPlugin(new SqlObjectPlugin());
        JdbiTypes.register(node);
        node.addCustomizer(new StatementCustomizer() {
            @Override
            public void afterExecution(PreparedStatement statement, StatementContext ctx) throws java.sql.SQLException {
                if (ctx.getRenderedSql().contains("WHERE slug") && read.getCount() > 0) {
                    read.countDown(); // the row is read: hold the lookup before it keeps it
                    try {
                        resume.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        TenantService tenants = new TenantService(node);
        ExecutorService lookup = Executors.newSingleThreadExecutor();
        try {
            Future<java.util.Optional<Tenant>> before = lookup.submit(() -> tenants.find(tenant.slug()));
            assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();

            services.jdbi().useHandle(handle -> handle.createUpdate(
                    "UPDATE tenants SET status = 'suspended' WHERE id = :id").bind("id", tenant.id().value()).execute());
            tenants.forgetCached(); // as the suspension does after its commit
            resume.countDown();

            assertThat(before.get(10, TimeUnit.SECONDS).orElseThrow().suspended()).as("read before").isFalse();
            assertThat(tenants.find(tenant.slug()).orElseThrow().suspended()).as("the next request").isTrue();
        } finally {
            resume.countDown();
            lookup.shutdownNow();
            services.jdbi().useHandle(handle -> handle.createUpdate(
                    "UPDATE tenants SET status = 'active' WHERE id = :id").bind("id", tenant.id().value()).execute());
            services.tenants().forgetCached();
        }
    }
}
