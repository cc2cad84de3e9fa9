package org.dossier.web.audit;

import java.util.List;
import java.util.Map;

/** The typed models of the audit pages; each component is a variable of the page's template. */
final class AuditPageModels {
    private AuditPageModels() {}

    /**
     * {@code pages/audit}, for a service or for the platform ({@code showService}). {@code filters}
     * stays a map: it is the filter form echoed back, read by field name.
     */
    record AuditPage(List<AuditPages.Row> rows, boolean showService, Map<String, String> filters, String formAction,
                     int page, String previousUrl, String nextUrl) {}

    /** One chain's line: its name, length, redacted events and verdict. */
    record ChainRow(String chain, long length, long redacted, boolean intact, String verdict) {}

    /** {@code pages/audit-verify}: every chain for the platform ({@code platform}), or the service's one. */
    record AuditVerifyPage(List<ChainRow> chains, boolean allIntact, boolean platform, String auditUrl) {}
}
