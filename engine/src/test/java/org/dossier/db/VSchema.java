package org.dossier.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Vitess VSchema of {@code deploy/vitess/vschema.json}, as the routing checks need it: one sharded
 * keyspace whose tables are sharded by a vindex on {@code tenant_id} (or copied there as reference
 * tables), and one unsharded keyspace holding the platform tables and the sequences.
 *
 * @param sharded        the sharded tables and the column of their primary vindex
 * @param reference      the reference tables of the sharded keyspace and their source ({@code keyspace.table})
 * @param unsharded      the tables of the unsharded keyspace, sequences included
 * @param sequences      the tables of the unsharded keyspace declared as sequences
 * @param autoIncrements the sharded tables whose ids a sequence gives, and that sequence
 * @param vindexTypes    the vindexes of the sharded keyspace by name, and their type
 */
public record VSchema(Map<String, String> sharded, Map<String, String> reference, Set<String> unsharded,
                      Set<String> sequences, Map<String, String> autoIncrements, Map<String, String> vindexTypes) {

    /** The file, from the engine module's directory (where the tests run). */
    public static final Path FILE = Path.of("..", "deploy", "vitess", "vschema.json");

    public static VSchema load() {
        return load(FILE);
    }

    public static VSchema load(Path file) {
        try {
            return of(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VSchema of(JsonNode root) {
        Map<String, String> sharded = new TreeMap<>();
        Map<String, String> reference = new TreeMap<>();
        Set<String> unsharded = new TreeSet<>();
        Set<String> sequences = new TreeSet<>();
        Map<String, String> autoIncrements = new TreeMap<>();
        Map<String, String> vindexTypes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> keyspaces = root.path("keyspaces").fields(); keyspaces.hasNext(); ) {
            JsonNode keyspace = keyspaces.next().getValue();
            boolean isSharded = keyspace.path("sharded").asBoolean(false);
            keyspace.path("vindexes").fields().forEachRemaining(
                    vindex -> vindexTypes.put(vindex.getKey(), vindex.getValue().path("type").asText()));
            for (Iterator<Map.Entry<String, JsonNode>> tables = keyspace.path("tables").fields(); tables.hasNext(); ) {
                Map.Entry<String, JsonNode> table = tables.next();
                JsonNode definition = table.getValue();
                String type = definition.path("type").asText("");
                if (!isSharded) {
                    unsharded.add(table.getKey());
                    if (type.equals("sequence")) {
                        sequences.add(table.getKey());
                    }
                } else if (type.equals("reference")) {
                    reference.put(table.getKey(), definition.path("source").asText(""));
                } else {
                    sharded.put(table.getKey(), definition.path("column_vindexes").path(0).path("column").asText(""));
                    if (definition.has("auto_increment")) {
                        autoIncrements.put(table.getKey(), definition.path("auto_increment").path("sequence").asText(""));
                    }
                }
            }
        }
        return new VSchema(sharded, reference, unsharded, sequences, autoIncrements, vindexTypes);
    }

    /** Whether a table lives in a keyspace of its own, apart from the sharded one and not copied into it. */
    public boolean isPlatformOnly(String table) {
        return unsharded.contains(table) && !reference.containsKey(table);
    }
}
