package org.dossier.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small, bounded write load for the fault tests: a few clients creating case files through the
 * API of a demo server, each remembering what the server acknowledged with 201, so that the test
 * can read every acknowledged case file back afterwards (no acknowledged write may be lost).
 */
public final class TestLoad implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A case file the server acknowledged: its id, the name posted, and the data the server answered with. */
    public record Ack(String id, String name) {}

    private final String base;
    private final String slug;
    private final String token;
    private final List<Thread> clients = new ArrayList<>();
    private final List<Ack> acknowledged = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger transportErrors = new AtomicInteger();
    private final AtomicLong slowestMillis = new AtomicLong();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile boolean running = true;

    private TestLoad(String base, String slug, String token) {
        this.base = base;
        this.slug = slug;
        this.token = token;
    }

    /** Starts {@code clients} threads posting case files to {@code slug} as the holder of {@code token}. */
    public static TestLoad start(String base, String slug, String token, int clients) {
        TestLoad load = new TestLoad(base, slug, token);
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(load::run, "test-load-" + i);
            thread.setDaemon(true);
            load.clients.add(thread);
            thread.start();
        }
        return load;
    }

    private void run() {
        while (running) {
            String name = "Charge" + letters(sequence.incrementAndGet());
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tenants/" + slug + "/records"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body(name))).build(), HttpResponse.BodyHandlers.ofString());
                statuses.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                if (response.statusCode() == 201) {
                    acknowledged.add(new Ack(JSON.readTree(response.body()).get("id").asText(), name));
                }
            } catch (Exception e) {
                transportErrors.incrementAndGet();
                pause(100);
            }
            slowestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
            pause(20);
        }
    }

    /** The body of a new case file of the demo form named {@code name}. */
    public static String body(String name) {
        return """
                {"form":"dossier","data":{"accompagnement":{"statut":"en_cours","date_ouverture":"2025-02-01"},
                 "identite":{"nom":"%s","prenom":"Paul"}}}""".formatted(name);
    }

    /** A name made of letters only, as the demo form's name field wants. */
    public static String letters(int number) {
        StringBuilder letters = new StringBuilder();
        int rest = number;
        do {
            letters.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return letters.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the clients (each finishes the request it has in flight) and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(30).toMillis());
        }
    }

    public List<Ack> acknowledged() {
        return List.copyOf(acknowledged);
    }

    public int count(int status) {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    public Map<Integer, AtomicInteger> statuses() {
        return Map.copyOf(statuses);
    }

    public int transportErrors() {
        return transportErrors.get();
    }

    public long slowestMillis() {
        return slowestMillis.get();
    }

    /** The acknowledged case files that are not there as posted, read back through {@code base}. */
    public static List<String> missing(String base, String slug, String token, List<Ack> acknowledged) throws Exception {
        List<String> missing = new ArrayList<>();
        for (Ack ack : acknowledged) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/tenants/" + slug + "/records/" + ack.id()))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                missing.add(ack.id() + " answered " + response.statusCode());
                continue;
            }
            JsonNode data = JSON.readTree(response.body()).get("data");
            if (!ack.name().equals(data.at("/identite/nom").asText()) || !"Paul".equals(data.at("/identite/prenom").asText())
                    || !"en_cours".equals(data.at("/accompagnement/statut").asText())
                    || !"2025-02-01".equals(data.at("/accompagnement/date_ouverture").asText())) {
                missing.add(ack.id() + " differs: " + data);
            }
        }
        return missing;
    }

    /** A bearer token for a demo account. */
    public static String token(String base, String email, String password) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token for " + email + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("token").asText();
    }

    /** GET {@code url}: the status, or -1 when the server does not answer. */
    public static int status(String url, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
