package org.dossier.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dossier.DomainException;
import org.dossier.Services;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class TenantCreationTest {

    @Test
    void a_slug_taken_by_a_request_running_at_the_same_time_is_refused_as_taken_not_as_a_server_error() {
        Services services = TestDatabase.services();
        Tenant first = TestTenants.withBaseForm(services, "course");
        long before = services.tenants().count();

        // The caller's check has passed; another request took the slug since.
        assertThatThrownBy(() -> services.jdbi().useTransaction(handle ->
                services.tenants().create(handle, first.slug(), "Doublon", "#1e3a8a")))
                .isInstanceOf(DomainException.class).extracting("code").isEqualTo("slugTaken");
        assertThat(services.tenants().count()).isEqualTo(before);
        assertThat(services.tenants().require(first.slug()).name()).isEqualTo(first.name());
    }
}
