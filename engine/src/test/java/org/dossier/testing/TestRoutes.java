package org.dossier.testing;

import io.javalin.http.HandlerType;
import java.util.Set;
import java.util.stream.Collectors;

/** The routes the running app registered with Javalin, as {@code "METHOD /path/{param}"}. */
public final class TestRoutes {
    private static final Set<HandlerType> HTTP_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    private TestRoutes() {}

    /** Every GET, POST, PUT, PATCH and DELETE route of the app, however it was registered. */
    public static Set<String> registered() {
        return TestServer.app().unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> HTTP_METHODS.contains(endpoint.method))
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
                .collect(Collectors.toSet());
    }
}
