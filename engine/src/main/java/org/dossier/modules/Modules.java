package org.dossier.modules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dossier.DomainException;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.tenant.TenantId;

/**
 * The modules a service switches on and off in its form's customisation ({@code "modules"}), read
 * from the latest published version: switching takes effect on publish, like every other change.
 * A module is on unless switched off; its data is kept either way.
 */
public final class Modules {
    public static final String EVICTION = "prevention-expulsions";
    public static final String DASHBOARD = "tableau-de-bord";
    public static final List<String> ALL = List.of(EVICTION, DASHBOARD);

    private final FormService forms;
    private final ObjectMapper json;
    /** Module switches per published version: versions never change, so neither do these. */
    private final Map<String, JsonNode> switches = new ConcurrentHashMap<>();

    public Modules(FormService forms, ObjectMapper json) {
        this.forms = forms;
        this.json = json;
    }

    public boolean isOn(TenantId tenantId, String module) {
        CompiledForm latest = forms.latest(tenantId, FormService.CASE_FILE);
        JsonNode modules = switches.computeIfAbsent(tenantId + ":" + latest.version(), key -> read(tenantId, latest.version()));
        if (modules.isMissingNode()) {
            // A version published as a whole definition: a form module is off when its sections are hidden.
            for (JsonNode section : latest.definition().path("properties")) {
                if (module.equals(section.path("x-module").asText(null))) {
                    return !section.path("x-hidden").asBoolean(false);
                }
            }
            return true;
        }
        return modules.path(module).asBoolean(true);
    }

    /** The version's {@code modules} object; missing when the version was published without a customisation. */
    private JsonNode read(TenantId tenantId, int version) {
        String customisation = forms.stored(tenantId, FormService.CASE_FILE, version).map(row -> row.customisation()).orElse(null);
        if (customisation == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            JsonNode modules = json.readTree(customisation).path("modules");
            return modules.isObject() ? modules : json.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored customisation is not JSON", e);
        }
    }

    /** @throws DomainException 404, as for a page that does not exist, when the module is off */
    public void requireOn(TenantId tenantId, String module) {
        if (!isOn(tenantId, module)) {
            throw new DomainException("notFound", 404, "module " + module + " is off");
        }
    }
}
