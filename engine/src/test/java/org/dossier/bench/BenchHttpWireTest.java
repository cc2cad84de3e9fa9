package org.dossier.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's socket client reads every answer to its end, whatever its framing, so the next
 * request on the kept-alive connection starts on a clean boundary.
 */
class BenchHttpWireTest {
    private static final Credentials ANYONE = new Credentials("dossier_session=s", "dsr_t");
    private static final String BIG = "x".repeat(300_000);

    private final AtomicInteger posts = new AtomicInteger();
    private final StringBuilder lastBody = new StringBuilder();
    private Javalin server;
    private BenchHttp http;

    @BeforeEach
    void start() {
        server = Javalin.create(config -> {
            config.routes.get("/sized", ctx -> ctx.result("small and sized"));
            // Written through the stream in pieces: Jetty frames it with chunks.
            config.routes.get("/chunked", ctx -> {
                var out = ctx.res().getOutputStream();
                for (int i = 0; i < 30; i++) {
                    out.write(BIG.substring(0, 10_000).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            });
            config.routes.get("/redirect", ctx -> ctx.redirect("/login?next=x"));
            config.routes.get("/closing", ctx -> {
                ctx.header("Connection", "close");
                ctx.result("bye");
            });
            config.routes.post("/submit", ctx -> {
                posts.incrementAndGet();
                lastBody.setLength(0);
                lastBody.append(ctx.body()).append('|').append(ctx.header("Authorization"));
                ctx.status(201).result("{}");
            });
        }).start("127.0.0.1", 0);
        http = new BenchHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void the_chunked_route_is_framed_with_chunks() throws Exception {
        java.net.http.HttpResponse<Void> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/chunked")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        assertThat(answer.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(answer.headers().firstValue("Content-Length")).isEmpty();
    }

    @Test
    void answers_framed_by_length_and_by_chunks_follow_each_other_on_one_connection() throws Exception {
        for (int i = 0; i < 5; i++) {
            http.page("/chunked", ANYONE);
            http.page("/sized", ANYONE);
            http.postJson("/submit", "{\"n\":" + i + ",\"nom\":\"Élodie\"}", ANYONE, 201);
        }

        assertThat(posts).hasValue(5);
        assertThat(lastBody.toString()).isEqualTo("{\"n\":4,\"nom\":\"Élodie\"}|Bearer dsr_t");
    }

    @Test
    void a_redirect_is_a_wrong_answer_naming_where_it_leads() {
        assertThatThrownBy(() -> http.page("/redirect", ANYONE))
                .isInstanceOf(BenchHttp.UnexpectedStatusException.class)
                .hasMessage("GET /redirect answered 302, expected 200 (Location: /login?next=x)");
    }

    @Test
    void a_connection_the_server_closes_is_opened_again_for_the_next_request() throws Exception {
        http.page("/closing", ANYONE);
        http.page("/closing", ANYONE);
        http.page("/sized", ANYONE);
        assertThatThrownBy(() -> http.postJson("/submit", "{}", ANYONE, 200))
                .isInstanceOf(BenchHttp.UnexpectedStatusException.class)
                .hasMessage("POST /submit answered 201, expected 200");
        http.page("/sized", ANYONE);
    }
}
