package org.dossier.register;

import java.util.List;
import org.dossier.retention.RetentionPolicy;
import org.dossier.tenant.Tenant;

/**
 * What the register takes from the platform rather than from the form: a service's retention,
 * where the data is hosted, and the security measures in force.
 */
public final class PlatformSettings {
    /**
     * The hosting of the deployment plan: Infomaniak's cloud in Switzerland, a country the European
     * Commission recognises as adequate (decision 2000/518/EC), so no transfer needs further safeguards.
     */
    public static final ProcessingRegister.Hosting HOSTING = new ProcessingRegister.Hosting("Infomaniak", "CH",
            "2000/518/CE");

    private final List<SecurityMeasures.Measure> measures;

    public PlatformSettings(List<SecurityMeasures.Measure> measures) {
        this.measures = List.copyOf(measures);
    }

    public List<SecurityMeasures.Measure> measures() {
        return measures;
    }

    /** The service's retention: the one place the register reads it. */
    public ProcessingRegister.Retention retentionOf(Tenant tenant) {
        RetentionPolicy policy = tenant.retention();
        return new ProcessingRegister.Retention(policy.activeYears(), policy.keptYears());
    }

    public RegisterBuilder.Settings settingsOf(Tenant tenant, ProcessingRegister.Controller controller) {
        return new RegisterBuilder.Settings(tenant.name(), tenant.slug(), controller, retentionOf(tenant), HOSTING,
                measures);
    }
}
