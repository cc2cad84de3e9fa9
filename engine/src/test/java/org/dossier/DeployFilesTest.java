package org.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dossier.web.GracefulStop;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container files, checked here since Docker cannot run here: the Dockerfile builds the jar
 * Maven builds and runs it as a non-root user with a health check on the server's own port and a
 * stop that leaves time for the drain; {@code deploy/compose.yaml} is the production shape (two
 * app nodes on one MySQL 8, an S3-compatible store, a load balancer routing on readiness to both)
 * and sets only variables that the code reads, so that renaming one in the code fails here.
 */
class DeployFilesTest {
    private static final Path ROOT = Path.of("..");
    private static final Dockerfile DOCKERFILE = Dockerfile.read(ROOT.resolve("Dockerfile"));
    private static final Map<String, Object> COMPOSE = compose();
    private static final Pattern VARIABLE = Pattern.compile("\\bDOSSIER_[A-Z0-9_]+");

    @Test
    void the_image_runs_the_jar_maven_builds_as_a_non_root_user() throws IOException {
        int build = DOCKERFILE.stageNamed("build");
        int runtime = DOCKERFILE.lastStage();
        String workdir = DOCKERFILE.lastInStage(build, "WORKDIR").orElseThrow().arguments();
        Matcher finalName = Pattern.compile("<finalName>(\\w[\\w.-]*)</finalName>")
                .matcher(Files.readString(ROOT.resolve("engine/pom.xml")));
        assertThat(finalName.find()).as("the shaded jar's name in engine/pom.xml").isTrue();
        String built = workdir + "/engine/target/" + finalName.group(1) + ".jar";

        List<String> copy = List.of(DOCKERFILE.inStage(runtime, "COPY").stream()
                .filter(instruction -> instruction.arguments().startsWith("--from=build"))
                .findFirst().orElseThrow().arguments().split("\\s+"));
        assertThat(copy.get(1)).isEqualTo(built);
        String entrypoint = DOCKERFILE.lastInStage(runtime, "ENTRYPOINT").orElseThrow().arguments();
        assertThat(entrypoint).contains("\"-jar\", \"" + copy.get(2) + "\"");

        String user = DOCKERFILE.lastInStage(runtime, "USER").orElseThrow().arguments().split(":")[0];
        assertThat(user).isNotIn("root", "0", "").matches("[1-9][0-9]*");
        String dataDir = DOCKERFILE.env(runtime, "DOSSIER_DATA_DIR").orElseThrow();
        assertThat(DOCKERFILE.inStage(runtime, "RUN")).as("the data directory made in the image, owned by the user")
                .anySatisfy(run -> assertThat(run.arguments()).contains("--uid " + user)
                        .containsPattern("install -d -o dossier -g dossier -m 0700 " + Pattern.quote(dataDir) + "(\\s|$)"));
        assertThat(DOCKERFILE.instructions().get(DOCKERFILE.instructions().size() - 1).stage()).isEqualTo(runtime);
    }

    @Test
    void the_port_exposed_is_the_one_the_server_listens_on_and_the_health_check_probes_liveness() throws IOException {
        int runtime = DOCKERFILE.lastStage();
        String port = DOCKERFILE.env(runtime, "PORT").orElseThrow();
        assertThat(DOCKERFILE.lastInStage(runtime, "EXPOSE").orElseThrow().arguments()).isEqualTo(port);
        assertThat(Config.fromMap(Map.of()).port()).as("the server's default port").isEqualTo(Integer.parseInt(port));

        String healthcheck = DOCKERFILE.lastInStage(runtime, "HEALTHCHECK").orElseThrow().arguments();
        assertThat(healthcheck).contains("--start-period=", "CMD ", "http://127.0.0.1:${PORT}/health/live");
        assertThat(Files.readString(Path.of("src/main/java/org/dossier/web/Routes.java")))
                .contains("\"/health/live\"", "\"/health/ready\"");
        assertThat(DOCKERFILE.inStage(runtime, "RUN")).anySatisfy(run -> assertThat(run.arguments()).contains(" curl"));
    }

    @Test
    void a_stop_sends_sigterm_and_the_grace_period_outlasts_the_drain() {
        int runtime = DOCKERFILE.lastStage();
        assertThat(DOCKERFILE.lastInStage(runtime, "STOPSIGNAL").orElseThrow().arguments()).isEqualTo("SIGTERM");
        Duration imageDrain = GracefulStop.parse(DOCKERFILE.env(runtime, "DOSSIER_SHUTDOWN_DRAIN").orElseThrow());
        assertThat(imageDrain).isEqualTo(GracefulStop.parse(null));

        for (String node : appNodes()) {
            Duration drain = GracefulStop.parse(environment(node).get("DOSSIER_SHUTDOWN_DRAIN"));
            Duration grace = Duration.ofSeconds(Long.parseLong(
                    String.valueOf(service(node).get("stop_grace_period")).replace("s", "")));
            assertThat(grace).as(node + ": stop_grace_period").isGreaterThanOrEqualTo(drain.plusSeconds(5));
            assertThat(service(node).get("init")).as(node + ": a process 1 that forwards signals").isEqualTo(true);
        }
    }

    @Test
    void dependencies_come_in_a_layer_before_the_sources_and_the_build_then_runs_offline() throws IOException {
        int build = DOCKERFILE.stageNamed("build");
        List<Dockerfile.Instruction> steps = DOCKERFILE.instructions().stream()
                .filter(instruction -> instruction.stage() == build && Set.of("COPY", "RUN").contains(instruction.keyword()))
                .toList();
        int dependencies = indexOf(steps, "RUN", "dependency:go-offline");
        assertThat(steps.subList(0, dependencies)).as("what the dependency layer depends on: the poms only")
                .isNotEmpty().allSatisfy(step -> assertThat(step.arguments().split("\\s+")[0]).endsWith("pom.xml"));
        Dockerfile.Instruction last = steps.get(steps.size() - 1);
        assertThat(last.keyword()).isEqualTo("RUN");
        assertThat(last.arguments()).contains("mvn ", " -o ", "package", "-DskipTests");

        // Every directory the build reads is copied in, and exists.
        Set<String> copied = steps.stream().filter(step -> step.keyword().equals("COPY"))
                .map(step -> step.arguments().split("\\s+")[0]).collect(Collectors.toSet());
        assertThat(copied).allSatisfy(source -> assertThat(ROOT.resolve(source)).exists());
        Matcher outside = Pattern.compile("\\$\\{project\\.basedir}/\\.\\./([\\w-]+)")
                .matcher(Files.readString(ROOT.resolve("engine/pom.xml")));
        Set<String> read = new TreeSet<>();
        while (outside.find()) {
            read.add(outside.group(1));
        }
        assertThat(read).isNotEmpty();
        assertThat(copied).containsAll(read).contains("engine");
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains("**/target", ".git");
    }

    @Test
    void compose_runs_two_app_nodes_on_one_mysql_8_with_the_attachments_in_the_s3_store() {
        assertThat(appNodes()).containsExactly("app-1", "app-2");
        for (String node : appNodes()) {
            Map<String, String> environment = environment(node);
            URI database = URI.create(environment.get("DOSSIER_DB_URL").substring("jdbc:".length()));
            assertThat(database.getScheme()).isEqualTo("mysql");
            assertThat(String.valueOf(service(database.getHost()).get("image"))).startsWith("mysql:8");
            assertThat(database.getPort()).isEqualTo(3306);
            URI store = URI.create(environment.get("DOSSIER_S3_ENDPOINT"));
            assertThat(String.valueOf(service(store.getHost()).get("image"))).startsWith("minio/minio");
            assertThat(environment).containsKeys("DOSSIER_S3_BUCKET", "DOSSIER_S3_ACCESS_KEY", "DOSSIER_S3_SECRET_KEY_FILE",
                    "DOSSIER_DB_USER", "DOSSIER_DB_PASSWORD", "DOSSIER_METRICS_TOKEN", "DOSSIER_MASTER_KEY_FILE");
            assertThat(map(service(node).get("depends_on"))).containsOnlyKeys(database.getHost(), store.getHost())
                    .allSatisfy((name, condition) -> assertThat(map(condition)).containsEntry("condition", "service_healthy"));
            assertThat(list(service(node).get("volumes"))).singleElement().asString()
                    .endsWith(":" + environment.get("DOSSIER_DATA_DIR"));
        }
        assertThat(environment("app-1")).isEqualTo(environment("app-2"));
    }

    @Test
    void the_load_balancer_routes_to_both_nodes_on_readiness_and_is_the_one_trusted_proxy() throws IOException {
        Map<String, Object> balancer = service("lb");
        assertThat(String.valueOf(balancer.get("image"))).startsWith("caddy:");
        assertThat(list(balancer.get("volumes"))).contains("./Caddyfile:/etc/caddy/Caddyfile:ro");
        assertThat(map(balancer.get("depends_on")).keySet()).containsExactlyInAnyOrderElementsOf(appNodes());

        String caddyfile = Files.readString(ROOT.resolve("deploy/Caddyfile"));
        Matcher proxy = Pattern.compile("(?m)^\\s*reverse_proxy\\s+([^{\\n]+)\\{").matcher(caddyfile);
        assertThat(proxy.find()).isTrue();
        Set<String> upstreams = Set.of(proxy.group(1).strip().split("\\s+"));
        assertThat(upstreams).containsExactlyInAnyOrderElementsOf(
                appNodes().stream().map(node -> node + ":" + environment(node).get("PORT")).toList());
        assertThat(caddyfile).containsPattern("(?m)^\\s*health_uri /health/ready$");

        String address = String.valueOf(map(map(balancer.get("networks")).get("backend")).get("ipv4_address"));
        for (String node : appNodes()) {
            assertThat(environment(node).get("DOSSIER_TRUSTED_PROXIES")).isEqualTo(address);
        }
    }

    @Test
    void every_service_has_a_health_check_and_every_named_volume_is_declared() {
        Map<String, Object> services = map(COMPOSE.get("services"));
        assertThat(services).containsKeys("db", "s3", "lb");
        services.forEach((name, service) -> assertThat(map(map(service).get("healthcheck"))).as(name).containsKey("test"));
        Set<String> declared = map(COMPOSE.get("volumes")).keySet();
        Set<String> used = services.values().stream().flatMap(service -> list(map(service).get("volumes")).stream())
                .map(volume -> String.valueOf(volume).split(":")[0]).filter(source -> !source.startsWith("."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(used).containsExactlyInAnyOrderElementsOf(declared).contains("db-data", "s3-data");
    }

    @Test
    void every_dossier_variable_of_compose_is_one_the_code_reads() throws IOException {
        Set<String> read = variablesTheCodeReads();
        assertThat(read).as("read by the code").contains("DOSSIER_DB_URL", "DOSSIER_S3_BUCKET", "DOSSIER_SHUTDOWN_DRAIN",
                "DOSSIER_LOG_FORMAT", "DOSSIER_OIDC_ISSUER").doesNotContain("DOSSIER_S3_", "DOSSIER_OIDC_");

        String text = Files.readString(ROOT.resolve("deploy/compose.yaml"));
        Set<String> named = new TreeSet<>();
        VARIABLE.matcher(text).results().forEach(result -> named.add(result.group()));
        assertThat(named).as("DOSSIER_* in compose.yaml, comments included").isSubsetOf(read);
        // Single sign-on is there to uncomment, not set.
        assertThat(named).contains("DOSSIER_OIDC_ISSUER", "DOSSIER_OIDC_CLIENT_SECRET");
        assertThat(environment("app-1")).doesNotContainKey("DOSSIER_OIDC_ISSUER");
        assertThat(environment("app-1").keySet()).filteredOn(name -> !name.equals("PORT")).isSubsetOf(read);
    }

    /** Each exact string literal {@code "DOSSIER_..."} of the main code, and the logback variables. */
    private static Set<String> variablesTheCodeReads() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern literal = Pattern.compile("\"(DOSSIER_[A-Z0-9_]*[A-Z0-9])\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                literal.matcher(Files.readString(file)).results().forEach(result -> names.add(result.group(1)));
            }
        }
        Pattern substitution = Pattern.compile("\\$\\{(DOSSIER_[A-Z0-9_]+)");
        substitution.matcher(Files.readString(Path.of("src/main/resources/logback.xml"))).results()
                .forEach(result -> names.add(result.group(1)));
        return names;
    }

    private static int indexOf(List<Dockerfile.Instruction> steps, String keyword, String text) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).keyword().equals(keyword) && steps.get(i).arguments().contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no " + keyword + " with " + text);
    }

    /** The services built from this repository: the app nodes. */
    private static List<String> appNodes() {
        return map(COMPOSE.get("services")).entrySet().stream()
                .filter(entry -> map(entry.getValue()).get("build") != null)
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = map(map(COMPOSE.get("services")).get(name));
        assertThat(service).as("service " + name).isNotEmpty();
        return service;
    }

    private static Map<String, String> environment(String node) {
        return map(service(node).get("environment")).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** SnakeYAML, as compose reads it: anchors and {@code <<} merge keys resolved. */
    private static Map<String, Object> compose() {
        try {
            return new Yaml().load(Files.readString(ROOT.resolve("deploy/compose.yaml")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
