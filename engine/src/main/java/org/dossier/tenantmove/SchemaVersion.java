package org.dossier.tenantmove;

import org.jdbi.v3.core.Handle;

/** The last migration applied to a database: an archive loads only into a database of the same one. */
final class SchemaVersion {
    private SchemaVersion() {}

    static String of(Handle handle) {
        return handle.createQuery("""
                        SELECT version FROM flyway_schema_history
                         WHERE success = 1 AND version IS NOT NULL
                         ORDER BY installed_rank DESC LIMIT 1
                        """).mapTo(String.class).findOne().orElse("none");
    }
}
