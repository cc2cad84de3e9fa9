package org.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dossier.retention.RetentionPolicies;
import org.dossier.retention.RetentionPolicy;
import org.dossier.retention.RetentionSettings;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestAudit;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code tenant retention}: shows, previews without changing, applies with {@code --yes}, refuses out of bounds. */
@Tag("integration")
class TenantRetentionCommandTest {
    private final Services services = TestDatabase.services();
    private final Tenant tenant = TestTenants.withBaseForm(services, "retention-cli");

    private record Outcome(int exitCode, String out) {}

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = TenantCommandTestHook.retentionCommand(services).execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }

    private RetentionPolicy stored() {
        return services.jdbi().withHandle(handle -> RetentionPolicies.of(handle, tenant.id()));
    }

    @Test
    void shows_previews_then_applies_with_yes_and_refuses_out_of_bounds() {
        Outcome shown = run(tenant.slug());
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains("2 active year(s), kept 5 year(s) (the platform's default)");

        Outcome preview = run(tenant.slug(), "--active", "3", "--kept", "25");
        assertThat(preview.exitCode()).isZero();
        assertThat(preview.out()).contains("new: 3 active year(s), kept 25 year(s)", "next pass, current -> new:",
                "Nothing changed; add --yes");
        assertThat(stored()).isEqualTo(RetentionPolicy.DEFAULT);

        assertThat(run(tenant.slug(), "--active", "6", "--kept", "25", "--yes").exitCode()).isEqualTo(1);
        assertThat(stored()).isEqualTo(RetentionPolicy.DEFAULT);

        Outcome applied = run(tenant.slug(), "--active", "3", "--kept", "25", "--yes");
        assertThat(applied.exitCode()).isZero();
        assertThat(stored()).isEqualTo(new RetentionPolicy(3, 25));
        assertThat(TestAudit.events(services, 0, RetentionSettings.CHANGED, "cli:tenant-retention").stream()
                .filter(event -> event.targetId().equals(tenant.id().toString()))).hasSize(1);
    }
}
