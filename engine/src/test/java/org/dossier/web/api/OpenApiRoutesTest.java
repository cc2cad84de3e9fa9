package org.dossier.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dossier.testing.TestRoutes;
import org.dossier.testing.TestServer;
import org.dossier.web.auth.AccessRoutes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The description and the routes are one list: every route under {@code /api/} that the app
 * registered is described, and every described path and method is a route. A route added without
 * its description, or a description left behind by a removed route, fails here.
 */
@Tag("integration")
class OpenApiRoutesTest {
    private static Described described;

    @BeforeAll
    static void setUp() {
        described = Described.served();
    }

    private static Set<String> apiRoutes() {
        return TestRoutes.registered().stream().filter(route -> route.substring(route.indexOf(' ') + 1).startsWith("/api/"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void every_api_route_is_described() {
        Set<String> undescribed = new TreeSet<>(apiRoutes());
        undescribed.removeAll(described.operations());

        assertThat(undescribed).as("API routes without a description in resources/api/openapi.yaml").isEmpty();
        assertThat(apiRoutes()).as("the API's routes").hasSizeGreaterThan(20);
    }

    @Test
    void every_described_operation_is_a_route() {
        Set<String> routeless = new TreeSet<>(described.operations());
        routeless.removeAll(apiRoutes());

        assertThat(routeless).as("described paths and methods that are no route").isEmpty();
    }

    @Test
    void each_operation_says_who_may_call_it_and_how_it_fails() {
        List<String> failures = new ArrayList<>();
        Set<String> operationIds = new TreeSet<>();
        for (AccessRoutes.Rule rule : TestServer.rules()) {
            if (!rule.path().startsWith("/api/")) {
                continue;
            }
            JsonNode operation = described.operation(rule.method().name(), rule.path());
            String key = rule.method().name() + " " + rule.path();
            if (!operationIds.add(operation.path("operationId").asText())) {
                failures.add(key + ": no operationId, or one already used");
            }
            boolean open = rule.access() == AccessRoutes.Access.PUBLIC;
            // A public route says it needs no token; every other one inherits the bearer token and answers 401 without it.
            if (open != (operation.has("security") && operation.get("security").isEmpty())) {
                failures.add(key + ": security " + operation.path("security") + " for a " + rule.access() + " route");
            }
            JsonNode responses = operation.path("responses");
            List<String> expected = open ? List.of() : new ArrayList<>(List.of("401", "403", "500"));
            if (rule.access() == AccessRoutes.Access.TENANT) {
                expected.add("404");
            }
            for (String status : expected) {
                if (!responses.has(status)) {
                    failures.add(key + ": answer " + status + " not described");
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
