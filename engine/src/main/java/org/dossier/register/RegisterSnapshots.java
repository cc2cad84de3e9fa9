package org.dossier.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.dossier.form.PublicationListener;
import org.dossier.tenant.Tenant;
import org.dossier.tenant.TenantDao;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * Keeps the register each published version of the case-file form implies, written in the
 * publication's transaction: later changes of the form cannot rewrite what the register said then.
 */
public final class RegisterSnapshots implements PublicationListener {
    private final ObjectMapper json;
    private final PlatformSettings platform;

    public RegisterSnapshots(ObjectMapper json, PlatformSettings platform) {
        this.json = json;
        this.platform = platform;
    }

    @Override
    public void published(Handle handle, TenantId tenantId, String formKey, int version, JsonNode effectiveSchema,
                          Instant publishedAt) {
        if (!RegisterService.FORM.equals(formKey)) {
            return;
        }
        Tenant tenant = handle.attach(TenantDao.class).findById(tenantId.value()).map(TenantDao.TenantRow::toTenant)
                .orElseThrow();
        RegisterDao dao = new RegisterDao(handle);
        ProcessingRegister register = RegisterBuilder.build(effectiveSchema, version, publishedAt, publishedAt,
                platform.settingsOf(tenant, dao.controller(tenantId).orElse(ProcessingRegister.Controller.EMPTY)));
        dao.insertSnapshot(tenantId, formKey, version, write(register), publishedAt);
    }

    String write(ProcessingRegister register) {
        try {
            return json.writeValueAsString(register);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("register not writable as JSON", e);
        }
    }

    ProcessingRegister read(String text) {
        try {
            return json.readValue(text, ProcessingRegister.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kept register is not readable", e);
        }
    }
}
