package org.dossier.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.retention.Retention;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The platform statistics split each service's case files into active and archived by that
 * service's own retention: the same last activities count as archived in a service on the default
 * and as active in one that keeps them active longer.
 */
@Tag("integration")
class StatisticsPerRetentionTest {

    @Test
    void the_active_and_archived_split_follows_each_services_policy() {
        Services services = TestDatabase.services();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.ofInstant(now, Retention.ZONE);
        Instant twoYearsAgo = now.atZone(Retention.ZONE).minusYears(2).toInstant();
        Tenant standard = TestTenants.withBaseForm(services, "stats-policy-std");
        Tenant created = TestTenants.withBaseForm(services, "stats-policy-long");
        services.jdbi().useHandle(handle -> handle.createUpdate("""
                        UPDATE tenants SET retention_active_years = 3, retention_kept_years = 10 WHERE id = :tenantId""")
                .bind("tenantId", created.id()).execute());
        services.tenants().forgetCached();
        Tenant longer = services.tenants().require(created.slug());
        for (Tenant tenant : List.of(standard, longer)) {
            seed(services, tenant, 5, now);
            seed(services, tenant, 6, twoYearsAgo);
        }

        StatisticsReport report = services.statistics().compute(List.of(standard, longer), today);

        StatisticsReport.ServiceRow standardRow = row(report, standard);
        StatisticsReport.ServiceRow longerRow = row(report, longer);
        assertThat(standardRow.active().value()).isEqualTo(5);
        assertThat(standardRow.archived().value()).isEqualTo(6);
        assertThat(longerRow.active().value()).isEqualTo(11);
        assertThat(longerRow.archived().value()).isZero();
        assertThat(report.allServices().active().value()).isEqualTo(16);
        assertThat(report.allServices().archived().value()).isEqualTo(6);
    }

    private static StatisticsReport.ServiceRow row(StatisticsReport report, Tenant tenant) {
        return report.services().stream().filter(row -> row.service().map(Tenant::id).orElseThrow().equals(tenant.id()))
                .findFirst().orElseThrow();
    }

    private static void seed(Services services, Tenant tenant, int count, Instant at) {
        CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
        services.jdbi().useTransaction(handle -> {
            for (int i = 0; i < count; i++) {
                JsonNode clean = services.records().validated(form, TestRecords.validData("Statzyw" + i), Locale.FRENCH);
                services.records().insertValidated(handle, tenant.id(), form, clean, Actor.system("test"), at);
            }
        });
    }
}
