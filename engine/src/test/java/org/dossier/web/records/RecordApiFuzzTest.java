package org.dossier.web.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.dossier.Services;
import org.dossier.account.Role;
import org.dossier.tenant.Tenant;
import org.dossier.testing.TestClient;
import org.dossier.testing.TestDatabase;
import org.dossier.testing.TestRecords;
import org.dossier.testing.TestTenants;
import org.dossier.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Random JSON of every type at every path of the case-file form, through create and update: the
 * API never answers a server error, and a refused update leaves the stored record exactly as it was.
 * The seed is fixed, so a failure replays.
 */
@Tag("integration")
class RecordApiFuzzTest {
    private static final long SEED = 20_261_206L;
    private static final int REQUESTS = 300;
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final List<String> NUMBERS = List.of("1e400", "-1e400", "1e999999999", "-1e999999999", "1e-400",
            "0", "-0.0", "12.5", "100000", "100001", "999999999999999", "1000000000000000", "0.1234567890123456",
            "1E+14", "-7", "3.000");
    private static final List<String> TEXTS = List.of("", " ", "Durand", "2025-03-01", "-2025-01-01", "+12025-01-01",
            "0000-01-01", "2999-12-31", "31/12/1990", "en_cours", "enfant", "true", "1e400", "\u0000", "é\u0301",
            "\uD83D\uDE00\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", "\u202Egnp.exe", "<script>alert(1)</script>",
            "' OR 1=1 --", "\uFFFF\uFFFE", "x".repeat(5000), "日本語のテキスト");

    private final Random random = new Random(SEED);

    @Test
    void random_values_at_every_path_never_cause_a_server_error_and_a_refused_put_changes_nothing() {
        Services services = TestDatabase.services();
        Tenant tenant = TestTenants.withBaseForm(services, "fuzz");
        TestClient api = TestClient.api(services, TestUsers.member(services, tenant, Role.ADMIN, true));
        String records = "/api/v1/tenants/" + tenant.slug() + "/records";
        JsonNode schema = TestClient.json(api.get("/api/v1/tenants/" + tenant.slug() + "/forms/dossier")).get("schema");
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(schema, new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(40);

        HttpResponse<String> created = api.postJson(records, "{\"form\":\"dossier\",\"data\":"
                + TestRecords.validData("Aléatoire") + "}");
        String record = records + "/" + TestClient.json(created).get("id").asText();
        JsonNode stored = TestClient.json(api.get(record));
        Map<Integer, Integer> statuses = new TreeMap<>();

        for (int request = 0; request < REQUESTS; request++) {
            ObjectNode data = TestRecords.validData("Aléatoire");
            for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
                put(data, paths.get(random.nextInt(paths.size())), value(0));
            }
            boolean update = random.nextBoolean();
            HttpResponse<String> response = update
                    ? api.putJson(record, "{\"version\":" + stored.get("version").asInt() + ",\"data\":" + data + "}")
                    : api.postJson(records, "{\"form\":\"dossier\",\"data\":" + data + "}");
            statuses.merge(response.statusCode(), 1, Integer::sum);

            assertThat(response.statusCode()).as("request %d: %s", request, data).isLessThan(500);
            JsonNode now = TestClient.json(api.get(record));
            if (update && response.statusCode() == 200) {
                stored = now;
            } else {
                assertThat(now).as("request %d was refused (%d) yet the record changed", request, response.statusCode())
                        .isEqualTo(stored);
            }
        }
        assertThat(statuses.getOrDefault(422, 0)).as("refusals %s", statuses).isPositive();
        assertThat(statuses.getOrDefault(200, 0) + statuses.getOrDefault(201, 0)).as("successes %s", statuses).isPositive();
        System.out.println("Record API fuzz, answers by status: " + statuses);
    }

    /** Every data path of the form: object keys, and row 0 of each list. */
    private static void collectPaths(JsonNode schema, List<Object> prefix, List<List<Object>> found) {
        schema.path("properties").properties().forEach(property -> {
            List<Object> path = new ArrayList<>(prefix);
            path.add(property.getKey());
            found.add(path);
            collectPaths(property.getValue(), path, found);
        });
        if (schema.path("items").isObject()) {
            List<Object> row = new ArrayList<>(prefix);
            row.add(0);
            found.add(row);
            collectPaths(schema.path("items"), row, found);
        }
    }

    private static void put(ObjectNode data, List<Object> path, JsonNode value) {
        JsonNode container = data;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            boolean nextIsIndex = path.get(i + 1) instanceof Integer;
            JsonNode next = step instanceof Integer index ? container.path(index) : container.path((String) step);
            if (!(nextIsIndex ? next.isArray() : next.isObject())) {
                next = nextIsIndex ? NODES.arrayNode() : NODES.objectNode();
                if (step instanceof Integer) {
                    ((ArrayNode) container).add(next);
                } else if (container.isObject()) {
                    ((ObjectNode) container).set((String) step, next);
                } else {
                    return; // a value set earlier stands where the path goes on: leave it
                }
            }
            container = next;
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer && container.isArray()) {
            ArrayNode array = (ArrayNode) container;
            if (array.isEmpty()) {
                array.add(value);
            } else {
                array.set(0, value);
            }
        } else if (last instanceof String key && container.isObject()) {
            ((ObjectNode) container).set(key, value);
        }
    }

    private JsonNode value(int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 8);
        return switch (kind) {
            case 0 -> NODES.textNode(TEXTS.get(random.nextInt(TEXTS.size())));
            case 1 -> NODES.numberNode(new BigDecimal(NUMBERS.get(random.nextInt(NUMBERS.size()))));
            case 2 -> NODES.numberNode(BigInteger.TWO.pow(random.nextInt(80)).negate().add(BigInteger.valueOf(random.nextInt())));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(random.nextBoolean() ? "nom" : "clé_" + random.nextInt(5), value(depth + 1));
                }
                yield object;
            }
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(depth + 1));
                }
                yield array;
            }
            default -> {
                ArrayNode many = NODES.arrayNode();
                for (int i = random.nextInt(1_200); i > 0; i--) {
                    many.add(NODES.objectNode());
                }
                yield many;
            }
        };
    }
}
