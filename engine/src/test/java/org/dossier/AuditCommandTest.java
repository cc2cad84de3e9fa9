package org.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dossier.audit.Actor;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code audit verify --tenant slug} prints the chain's length and verdict, and exits non-zero on a broken chain. */
@Tag("integration")
class AuditCommandTest {

    @Test
    void verify_prints_the_length_and_exits_1_at_the_first_broken_link() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "chain-cli");
        for (int i = 0; i < 3; i++) {
            services.jdbi().useTransaction(handle -> services.audit().record(handle, tenant.id(), Actor.system("test"),
                    "record.viewed", "record", "r", null));
        }
        long length = services.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT seq FROM audit_chain_heads WHERE tenant_id = :t").bind("t", tenant.id().value()).mapTo(Long.class).one());

        StringBuilder out = new StringBuilder();
        assertThat(run(services, tenant.slug(), out)).isZero();
        assertThat(out.toString()).containsPattern(tenant.slug() + " +" + length + " +0 +intact").contains("Every chain verifies.");

        services.jdbi().useHandle(handle -> handle.createUpdate(
                        "UPDATE audit_events SET actor = 'x' WHERE tenant_id = :t AND seq = :seq")
                .bind("t", tenant.id().value()).bind("seq", length - 1).execute());
        StringBuilder broken = new StringBuilder();
        assertThat(run(services, tenant.slug(), broken)).isEqualTo(1);
        assertThat(broken.toString()).contains("BROKEN at event " + (length - 1) + ": edited (event ")
                .contains("record.viewed").contains("1 chain(s) broken.");

        assertThat(run(services, "no-such-service-" + System.nanoTime(), new StringBuilder())).isEqualTo(2);
    }

    private static int run(Services services, String slug, StringBuilder printed) {
        AuditCommand.Verify verify = new AuditCommand.Verify();
        verify.services = services;
        verify.tenant = slug;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        verify.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = verify.call();
        printed.append(bytes.toString(StandardCharsets.UTF_8));
        return code;
    }
}
