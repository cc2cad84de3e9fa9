package org.dossier.web.modules;

import java.util.List;

/** The typed models of the optional modules' pages; each component is a variable of the page's template. */
final class ModulePageModels {
    private ModulePageModels() {}

    /** {@code pages/evictions}: the open evictions and the link that flips their order. */
    record EvictionsPage(List<ModulePages.EvictionRow> rows, boolean latestFirst, String sortUrl) {}

    /** {@code pages/dashboard}. */
    record DashboardPage(List<ModulePages.Chart> charts) {}
}
