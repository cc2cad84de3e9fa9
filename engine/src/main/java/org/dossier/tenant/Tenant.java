package org.dossier.tenant;

import java.time.Instant;
import org.dossier.DomainException;
import org.dossier.retention.RetentionPolicy;

/**
 * A partner service. Its slug appears in every URL of the service.
 *
 * @param primaryColor CSS hex colour, e.g. {@code #1e3a8a}
 * @param logoVersion  0 without a logo; raised at each upload, so the logo's URL changes with it
 * @param suspended    its members cannot sign in to it nor use its API; its data is kept
 * @param template     kept only to be cloned: it holds no case file
 * @param retention    how long it keeps its case files, set by the platform (RetentionSettings)
 */
public record Tenant(TenantId id, String slug, String name, String primaryColor, int logoVersion, Instant createdAt,
                     boolean suspended, boolean template, RetentionPolicy retention) {

    /**
     * Refuses a new case file in a template, which is kept only to be cloned.
     *
     * @throws DomainException {@code templateService} (409)
     */
    public void requireAcceptsCaseFiles() {
        if (template) {
            throw new DomainException("templateService", 409, "a template service holds no case file");
        }
    }

    /** The logo's URL, or an empty string when the service has none. */
    public String logoUrl() {
        return logoVersion == 0 ? "" : "/t/" + slug + "/logo?v=" + logoVersion;
    }
}
