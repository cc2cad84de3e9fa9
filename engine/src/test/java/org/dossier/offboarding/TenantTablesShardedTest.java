package org.dossier.offboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dossier.db.VSchema;
import org.junit.jupiter.api.Test;

/** The service's tables, which its deletion empties, are exactly those the VSchema shards by service. */
class TenantTablesShardedTest {
    /**
     * Sharded by service but outliving it: the queue of stored objects a deletion leaves for the
     * sweeper, written in the same transaction as the deletion of their rows, so on the same shard.
     */
    private static final Map<String, String> SHARDED_ON_ANOTHER_COLUMN = Map.of("attachment_deletions", "service_id");

    @Test
    void every_table_a_service_deletion_empties_is_sharded_on_tenant_id_and_no_other() {
        VSchema vschema = VSchema.load();
        Map<String, String> expected = new TreeMap<>(SHARDED_ON_ANOTHER_COLUMN);
        TenantTables.TABLES.values().forEach(table -> expected.put(table, "tenant_id"));

        assertThat(new TreeMap<>(vschema.sharded())).isEqualTo(expected);
        Set<String> platform = new TreeSet<>(vschema.unsharded());
        platform.retainAll(TenantTables.TABLES.values());
        assertThat(platform).as("a service's table in the unsharded keyspace").isEmpty();
    }
}
