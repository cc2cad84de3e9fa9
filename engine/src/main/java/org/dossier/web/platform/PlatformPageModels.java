package org.dossier.web.platform;

import java.util.List;
import java.util.Map;

/** The typed models of the platform pages; each component is a variable of the page's template. */
final class PlatformPageModels {
    private PlatformPageModels() {}

    /**
     * {@code pages/platform-services}: the services, the outcome of the last action, the creation and
     * clone forms (their errors come with the page's {@link org.dossier.web.view.PageErrors}). {@code entered} and {@code cloneEntered} stay maps: they are posted forms echoed
     * back, read by field name.
     */
    record ServicesPage(List<PlatformPages.ServiceRow> services, String notice, String problem, int maxReason,
                        Map<String, String> entered, Map<String, String> cloneEntered,
                        PlatformPages.Created created, String cloned) {}

    /**
     * {@code pages/platform-service-delete}: the confirmation, with what would go, or the report of
     * a deletion just done ({@code deleted}).
     */
    record DeletePage(String tenantName, String slug, List<OffboardingPages.CountRow> counts, long tookMs,
                      boolean deleted, boolean suspended, String typed, String error) {}

    /** {@code pages/platform-stats}. */
    record StatisticsPage(String computedAt, StatisticsView.Table services, StatisticsView.Table months,
                          List<StatisticsView.Table> breakdowns, List<String> unshared) {}
}
