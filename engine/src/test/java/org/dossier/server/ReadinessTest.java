package org.dossier.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dossier.App;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.db.Database;
import org.junit.jupiter.api.Test;

/** Readiness tells the truth when the database does not answer; liveness does not depend on it. */
class ReadinessTest {

    @Test
    void ready_answers_503_and_live_200_when_the_database_is_unreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Database database = Database.connect("jdbc:mysql://127.0.0.1:" + closedPort + "/dossier", "root", "", 2)) {
            Javalin app = App.create(Config.fromEnvironment().withPort(0), Services.wire(database, Config.fromEnvironment())).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + app.port();
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("\"database\":false");
                assertThat(live.statusCode()).isEqualTo(200);
            } finally {
                app.stop();
            }
        }
    }
}
