package org.dossier.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes each statistics export on the platform audit log: even aggregates leave the application
 * with a file, so who took which table, and when, is kept.
 */
public final class StatisticsExports {
    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ObjectMapper json;

    public StatisticsExports(Jdbi jdbi, AuditLog audit, ObjectMapper json) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.json = json;
    }

    /** @param table which file: {@code services}, {@code months} or {@code breakdowns} */
    public void recordExport(Actor actor, String table, Locale language) {
        jdbi.useTransaction(handle -> audit.recordPlatform(handle, actor, "statistics.exported", "statistics", table,
                json.createObjectNode().put("table", table).put("language", language.getLanguage())));
    }
}
