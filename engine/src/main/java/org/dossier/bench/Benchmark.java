package org.dossier.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dossier.App;
import org.dossier.Config;
import org.dossier.Services;
import org.dossier.audit.Actor;
import org.dossier.db.Database;
import org.dossier.demo.FakeCaseFiles;
import org.dossier.form.BaseSchema;
import org.dossier.form.CompiledForm;
import org.dossier.form.FormService;
import org.dossier.record.RecordId;
import org.dossier.retention.LifecyclePass;
import org.dossier.retention.Pacing;
import org.dossier.tenant.Tenant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Loads tenants × records on a fresh embedded MariaDB, then measures submit, render, view and
 * list/search over HTTP with concurrent clients, and a raw-JDBC baseline doing the same two
 * inserts per transaction as a submit, and the floors ({@code floor}, {@code render-floor},
 * {@code read-floor}, see {@link Floors}) each engine figure is divided by; and how long the
 * most expensive body within the size limit takes to be refused ({@link WorstCase}). Prints the figures and writes them to a JSON file.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the engine on a fresh embedded database against its floors (bare endpoints doing only "
                + "the unavoidable part of each request) and a raw-JDBC baseline; each engine figure is printed as a "
                + "ratio of its floor, measured in the same run."},
        footerHeading = "%nScenarios:%n",
        footer = {"  submit         POST of a new case file to the JSON API",
                "  baseline       the submit's two inserts, raw JDBC, no HTTP",
                "  floor          HTTP floor: the two inserts behind a bare endpoint",
                "  render         the new-case-file page",
                "  render-floor   the same page from a model built once, bare endpoint",
                "  view           a case file's page",
                "  api-read       GET of a case file from the JSON API",
                "  read-floor     one row read by primary key, as JSON, bare endpoint",
                "  list           list and name search pages",
                "  list-filtered  list filtered by status and antenne, sorted by name",
                "  refuse         the 1 MiB worst case refused (413)",
                "  lifecycle      lifecycle pass and the list during it",
                "  backup         a backup of the database",
                "  export         exports of a service",
                "  import         an import of --import-rows rows",
                "  tenant-move    a service exported and imported again",
                "  --scale        instead of the scenarios: --scale-services x --scale-records case files and one",
                "                 service of --scale-large, then the list (first and deepest pages), name search,",
                "                 case file page, dashboard, statistics, lifecycle plan and submit, at that size"})
public final class Benchmark implements Callable<Integer> {
    @Option(names = "--tenants", defaultValue = "10", description = "Services loaded (default: ${DEFAULT-VALUE}).")
    int tenants;
    @Option(names = "--records", defaultValue = "10000", description = "Records per tenant (default: ${DEFAULT-VALUE}).")
    int records;
    @Option(names = "--engine-records", defaultValue = "0",
            description = "Records per tenant created through the engine (0: all); the rest are SQL copies of them "
                    + "with new ids, to load large scales in minutes.") int engineRecords;
    @Option(names = "--clients", defaultValue = "8",
            description = "Concurrent clients of each scenario (default: ${DEFAULT-VALUE}).") int clients;
    @Option(names = "--seconds", defaultValue = "15", description = "Measured seconds per scenario.") double seconds;
    @Option(names = "--warmup", defaultValue = "5", description = "Least warm-up seconds per scenario: it goes on until the JIT compiler has settled (under 2 %% of a core over 2 s; at most 60 s more). 0: none, measured cold.") double warmup;
    @Option(names = "--lifecycle-batch", defaultValue = "" + LifecyclePass.BATCH,
            description = "lifecycle: case files per deletion batch (default: ${DEFAULT-VALUE}).") int lifecycleBatch;
    @Option(names = "--lifecycle-rest", defaultValue = "" + Pacing.DEFAULT_REST,
            description = "lifecycle: rest after each batch, in multiples of its time (default: ${DEFAULT-VALUE}).")
    double lifecycleRest;
    @Option(names = "--import-rows", defaultValue = "100000",
            description = "import: rows of the file imported (default: ${DEFAULT-VALUE}).") int importRows;
    @Option(names = "--output", defaultValue = "bench-results.json",
            description = "Where the figures are written as JSON (default: ${DEFAULT-VALUE}).") Path output;
    @Option(names = "--scale", description = "Run the scale measures instead of the scenarios: load --scale-services "
            + "services of --scale-records case files and one of --scale-large, then measure each figure against its "
            + "target.") boolean scale;
    @Option(names = "--scale-services", defaultValue = "100",
            description = "scale: services of the common size (default: ${DEFAULT-VALUE}).") int scaleServices;
    @Option(names = "--scale-records", defaultValue = "10000",
            description = "scale: case files in each of them (default: ${DEFAULT-VALUE}).") int scaleRecords;
    @Option(names = "--scale-large", defaultValue = "200000",
            description = "scale: case files of the one large service (default: ${DEFAULT-VALUE}).") int scaleLarge;
    @Option(names = "--scale-engine-records", defaultValue = "200",
            description = "scale: case files of each service created through the engine, one by one; the rest are "
                    + "written in batches (default: ${DEFAULT-VALUE}).") int scaleEngineRecords;
    @Option(names = "--scenarios", split = ",", completionCandidates = ScenarioNames.class,
            defaultValue = "submit,baseline,floor,render,render-floor,view,api-read,read-floor,list,list-filtered,refuse",
            description = "Scenarios to run, comma-separated (default: ${DEFAULT-VALUE}); each is described "
                    + "under Scenarios below.") List<String> scenarios;

    /** Every scenario the command knows, in the order of its help. */
    static final List<String> SCENARIOS = List.of("submit", "baseline", "floor", "render", "render-floor", "view",
            "api-read", "read-floor", "list", "list-filtered", "refuse", "lifecycle", "backup", "export", "import",
            "tenant-move");

    /** The scenario names offered to shell completion. */
    static final class ScenarioNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SCENARIOS.iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        List<String> unknown = scenarios.stream().filter(name -> !SCENARIOS.contains(name)).toList();
        if (!unknown.isEmpty()) {
            System.err.println("Unknown scenarios " + unknown + "; choose among " + SCENARIOS);
            return 2;
        }
        Path dataDir = Files.createTempDirectory("dossier-bench");
        // Always a fresh embedded database: a benchmark must never write into a real one.
        Config embedded = new Config(0, dataDir, java.util.Optional.empty(), "root", "", Math.max(16, clients * 2),
                Config.ONE_MIB, Config.Accounts.defaults());
        try (Database database = Database.open(embedded.database())) {
            Services services = Services.wire(database, embedded);
            services.migrations().migrate();
            if (scale) {
                return scale(services, embedded);
            }
            System.out.printf("Loading %d tenants x %d records...%n", tenants, records);
            long loadStart = System.nanoTime();
            List<Tenant> loaded = load(services);
            System.out.printf("Loaded %d records in %.1f s%n", (long) tenants * records, (System.nanoTime() - loadStart) / 1e9);

            Javalin app = App.create(embedded.withPort(0), services).start();
            Map<String, Latencies> results;
            try {
                results = measure(services, loaded, app.port(), database);
            } finally {
                app.stop();
            }
            return report(results);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /** {@code --scale}: the load, the measures, their report and their JSON. @return the exit code */
    private int scale(Services services, Config embedded) throws Exception {
        ScaleLoad.Size size = new ScaleLoad.Size(scaleServices, scaleRecords, scaleLarge, scaleEngineRecords);
        ScaleLoad.Loaded loaded = new ScaleLoad(services, size).load();
        Javalin app = App.create(embedded.withPort(0), services).start();
        Map<String, Latencies> results;
        try {
            results = new ScaleBench(services, loaded, app.port(), new ScaleBench.Settings(clients, warmup, seconds))
                    .measure(submitBodies(services, 512));
        } finally {
            app.stop();
        }
        System.out.println();
        System.out.printf("Dossier scale benchmark: %d services x %,d case files and one of %,d, %d concurrent clients, "
                + "%.0f s per scenario, %d cores%n", scaleServices, scaleRecords, scaleLarge, clients, seconds,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("Load: %,d case files in %.1f s (%,.0f a second)%n", loaded.caseFiles(), loaded.seconds(),
                loaded.perSecond());
        System.out.println(Latencies.header());
        results.values().forEach(latencies -> System.out.println(latencies.line()));
        System.out.println(Latencies.legend());
        Map<String, Object> figures = ScaleBench.report(results);
        List<Latencies> failed = results.values().stream().filter(latencies -> latencies.errors() > 0).toList();
        for (Latencies latencies : failed) {
            System.err.printf("FAILED %s: %d wrong answers, first: %s%n", latencies.name(), latencies.errors(),
                    latencies.firstError().orElseThrow());
        }
        if (!failed.isEmpty()) {
            System.err.println("Figures not written to " + output.toAbsolutePath());
            return 1;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scaleServices", scaleServices);
        json.put("scaleRecords", scaleRecords);
        json.put("scaleLarge", scaleLarge);
        json.put("scaleEngineRecords", scaleEngineRecords);
        json.put("clients", clients);
        json.put("secondsPerScenario", seconds);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("measuredAt", Instant.now().toString());
        json.put("loadSeconds", Math.round(loaded.seconds() * 10.0) / 10.0);
        json.put("loadPerSecond", Math.round(loaded.perSecond()));
        Map<String, Object> scenarioFigures = new LinkedHashMap<>();
        results.forEach((key, latencies) -> scenarioFigures.put(key, latencies.toMap()));
        json.put("scenarios", scenarioFigures);
        json.put("targets", figures);
        Files.writeString(output, new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(json));
        System.out.println("Figures written to " + output.toAbsolutePath());
        return 0;
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private List<Tenant> load(Services services) {
        List<Tenant> created = new ArrayList<>();
        JsonNode definition = BaseSchema.baseSchema();
        long start = System.nanoTime();
        for (int t = 1; t <= tenants; t++) {
            String slug = "bench-" + t;
            Tenant tenant = services.jdbi().inTransaction(handle -> {
                Tenant fresh = services.tenants().create(handle, slug, "Bench " + slug, "#1e3a8a");
                services.forms().publish(handle, fresh.id(), FormService.CASE_FILE, definition, "bench");
                return fresh;
            });
            CompiledForm form = services.forms().latest(tenant.id(), FormService.CASE_FILE);
            FakeCaseFiles fake = new FakeCaseFiles(t);
            FakeCaseFiles.Options options = new FakeCaseFiles.Options(true, true, LocalDate.now());
            Actor actor = Actor.system("bench");
            int batch = 500;
            int throughEngine = engineRecords > 0 ? Math.min(engineRecords, records) : records;
            for (int from = 0; from < throughEngine; from += batch) {
                int size = Math.min(batch, throughEngine - from);
                List<ObjectNode> files = fake.generate(size, options);
                boolean validateBatch = from == 0;
                services.jdbi().useTransaction(handle -> {
                    for (ObjectNode file : files) {
                        JsonNode data = validateBatch ? services.records().validated(form, file, Locale.FRENCH) : file;
                        services.records().insertValidated(handle, tenant.id(), form, data, actor,
                                Instant.now().truncatedTo(ChronoUnit.MICROS));
                    }
                });
            }
            copy(services, tenant, throughEngine, records - throughEngine);
            created.add(tenant);
            // A load of a million takes minutes: one line per service says how far it is.
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  %s loaded: %d of %d services, %d case files, %.0f a second%n", slug, t, tenants,
                    (long) t * records, t * (double) records / seconds);
        }
        return created;
    }

    /**
     * Adds {@code count} copies of the service's first {@code of} case files, with new ids (the
     * fake data stays realistic, the load takes minutes instead of hours at 100,000 a service).
     */
    private static void copy(Services services, Tenant tenant, int of, int count) {
        for (int done = 0; done < count; ) {
            int chunk = Math.min(Math.min(of, 10_000), count - done);
            services.jdbi().useHandle(handle -> handle.createUpdate("""
                            INSERT INTO records (tenant_id, id, form_key, schema_version, data, lock_version, created_at,
                                                 created_by, updated_at, updated_by, last_activity_at, to_complete)
                            SELECT tenant_id, UNHEX(REPLACE(UUID(), '-', '')), form_key, schema_version, data,
                                   lock_version, created_at, created_by, updated_at, updated_by, last_activity_at,
                                   to_complete
                              FROM records WHERE tenant_id = :tenantId ORDER BY id LIMIT :chunk
                            """).bind("tenantId", tenant.id().value()).bind("chunk", chunk).execute());
            done += chunk;
        }
    }

    private Map<String, Latencies> measure(Services services, List<Tenant> loaded, int port, Database database)
            throws Exception {
        BenchHttp http = new BenchHttp(port);
        List<Credentials> credentials = Credentials.signIn(services, loaded);
        List<String> bodies = submitBodies(services, 512);
        List<List<String>> ids = sampleIds(services, loaded);
        String[] prefixes = {"ma", "du", "le", "be", "ro", "mo", "da", "ng", "la", "pe"};
        Map<String, Latencies> results = new LinkedHashMap<>();

        if (scenarios.contains("render")) {
            results.put("render", Workload.run("form render (new page)", clients, warmup, seconds, (thread, i) -> {
                int t = (int) ((thread + i) % loaded.size());
                http.page("/t/" + loaded.get(t).slug() + "/records/new", credentials.get(t));
            }));
        }
        if (scenarios.contains("view")) {
            results.put("view", Workload.run("record view", clients, warmup, seconds, (thread, i) -> {
                int t = (int) ((thread + i) % loaded.size());
                List<String> tenantIds = ids.get(t);
                String id = tenantIds.get((int) ((i * 7919 + thread) % tenantIds.size()));
                http.page("/t/" + loaded.get(t).slug() + "/records/" + id, credentials.get(t));
            }));
        }
        Floors.Settings floorSettings = new Floors.Settings(clients, warmup, seconds);
        if (scenarios.contains("render-floor")) {
            results.put("render-floor", Floors.render(services, loaded, floorSettings));
        }
        if (scenarios.contains("api-read")) {
            results.put("api-read", Workload.run("API read", clients, warmup, seconds, (thread, i) -> {
                int t = (int) ((thread + i) % loaded.size());
                List<String> tenantIds = ids.get(t);
                String id = tenantIds.get((int) ((i * 7919 + thread) % tenantIds.size()));
                http.getJson("/api/v1/tenants/" + loaded.get(t).slug() + "/records/" + id, credentials.get(t));
            }));
        }
        if (scenarios.contains("read-floor")) {
            results.put("read-floor", Floors.read(services, database, loaded, ids, floorSettings));
        }
        if (scenarios.contains("list")) {
            results.put("list", Workload.run("list/search page", clients, warmup, seconds, (thread, i) -> {
                int t = (int) ((thread + i) % loaded.size());
                Tenant tenant = loaded.get(t);
                String path = i % 2 == 0
                        ? "/t/" + tenant.slug() + "/records?page=" + (1 + i % 5)
                        : "/t/" + tenant.slug() + "/records?q=" + prefixes[(int) (i % prefixes.length)];
                http.page(path, credentials.get(t));
            }));
        }
        if (scenarios.contains("list-filtered")) {
            // The list as a caseworker works through it: one status and one antenne, sorted by name,
            // paging through the first pages; every combination of the two filters in turn.
            String[] statuses = {"premier_accueil", "en_cours", "en_veille", "clos"};
            String[] antennes = {"centre", "nord", "sud", "est", "ouest"};
            results.put("list-filtered", Workload.run("list, status + antenne, by name", clients, warmup, seconds,
                    (thread, i) -> {
                        int t = (int) ((thread + i) % loaded.size());
                        String path = "/t/" + loaded.get(t).slug() + "/records?status=" + statuses[(int) (i % 4)]
                                + "&antenne=" + antennes[(int) ((i / 4) % 5)] + "&sort=name&page=" + (1 + i % 5);
                        http.page(path, credentials.get(t));
                    }));
        }
        if (scenarios.contains("refuse")) {
            // One client: the figure is how long one worst-case request holds a core, not a throughput.
            String worstCase = WorstCase.emptyRows(Config.ONE_MIB);
            results.put("refuse", Workload.run("refuse 1 MiB of empty rows", 1, warmup, seconds, (thread, i) ->
                    http.postJson("/api/v1/tenants/" + loaded.get(0).slug() + "/records", worstCase, credentials.get(0),
                            413)));
        }
        if (scenarios.contains("export")) {
            ExportBench.run(services, loaded.get(0), port, credentials.get(0));
        }
        if (scenarios.contains("import")) {
            ImportBench.run(services, importRows);
        }
        // Writes last, so that the read scenarios run on exactly tenants x records rows.
        if (scenarios.contains("submit")) {
            results.put("submit", Workload.run("submit (JSON API)", clients, warmup, seconds, (thread, i) -> {
                int t = (int) ((thread + i) % loaded.size());
                http.postJson("/api/v1/tenants/" + loaded.get(t).slug() + "/records",
                        bodies.get((int) ((thread * 31 + i) % bodies.size())), credentials.get(t), 201);
            }));
        }
        if (scenarios.contains("baseline")) {
            results.put("baseline", baseline(services, loaded, bodies, database));
        }
        if (scenarios.contains("floor")) {
            results.put("floor", httpFloor(services, loaded, bodies, database, credentials));
        }
        if (scenarios.contains("backup")) {
            BackupBench.run(database, services);
        }
        if (scenarios.contains("tenant-move")) {
            TenantMoveBench.run(services, loaded.get(0));
        }
        // Last of all: the pass deletes case files (only on demand, not in the default list).
        if (scenarios.contains("lifecycle")) {
            LifecycleBench.run(services, loaded, name -> Workload.run(name, clients, warmup, seconds, (thread, i) -> {
                int t = (int) ((thread + i) % loaded.size());
                http.page("/t/" + loaded.get(t).slug() + "/records?page=" + (1 + i % 5), credentials.get(t));
            }), results, new LifecycleBench.Settings(lifecycleBatch, lifecycleRest));
        }
        return results;
    }

    /** The same two inserts as a submit (record + audit event), one transaction each, plain JDBC. */
    private Latencies baseline(Services services, List<Tenant> loaded, List<String> bodies, Database database)
            throws Exception {
        List<String> dataOnly = new ArrayList<>();
        for (String body : bodies) {
            dataOnly.add(services.mapper().readTree(body).get("data").toString());
        }
        Connection[] connections = new Connection[clients];
        for (int c = 0; c < clients; c++) {
            // From the engine's own pool: the same driver settings (server-side prepared
            // statements and their cache), so the two sides differ only by what the engine adds.
            connections[c] = database.dataSource().getConnection();
            connections[c].setAutoCommit(false);
        }
        try {
            return Workload.run("baseline (raw JDBC insert)", clients, warmup, seconds, (thread, i) -> {
                Connection connection = connections[thread];
                insertPair(connection, loaded.get((int) ((thread + i) % loaded.size())),
                        dataOnly.get((int) ((thread * 31 + i) % dataOnly.size())));
                connection.commit();
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /**
     * The HTTP floor: the submit's body posted to a bare Javalin endpoint that parses it and makes
     * the baseline's two inserts in one transaction, with nothing else (no authentication, no
     * validation, no JDBI; the token is sent, so the request has the submit's size, and ignored). What
     * separates it from the baseline is HTTP and JSON parsing; what separates the engine from it is
     * the engine's own work.
     */
    private Latencies httpFloor(Services services, List<Tenant> loaded, List<String> bodies, Database database,
                                List<Credentials> credentials) throws Exception {
        Javalin bare = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/floor/{tenant}", ctx -> {
                Tenant tenant = loaded.get(Integer.parseInt(ctx.pathParam("tenant")));
                String data = services.mapper().readTree(ctx.bodyInputStream()).get("data").toString();
                String id;
                try (Connection connection = database.dataSource().getConnection()) {
                    connection.setAutoCommit(false);
                    try {
                        id = insertPair(connection, tenant, data);
                        connection.commit();
                    } catch (Exception e) {
                        connection.rollback();
                        throw e;
                    }
                }
                ctx.status(201).contentType("application/json").result("{\"id\":\"" + id + "\"}");
            });
        }).start("127.0.0.1", 0);
        try {
            BenchHttp floor = new BenchHttp(bare.port());
            return Workload.run("HTTP floor (bare endpoint)", clients, warmup, seconds, (thread, i) -> {
                int t = (int) ((thread + i) % loaded.size());
                floor.postJson("/floor/" + t, bodies.get((int) ((thread * 31 + i) % bodies.size())),
                        credentials.get(t), 201);
            });
        } finally {
            bare.stop();
        }
    }

    /** A submit's two inserts, a record and its audit event, on {@code connection}'s transaction. @return the record id */
    private static String insertPair(Connection connection, Tenant tenant, String data) throws java.sql.SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        RecordId id = RecordId.generate();
        try (PreparedStatement record = connection.prepareStatement("""
                INSERT INTO records (tenant_id, id, form_key, schema_version, data, lock_version,
                                     created_at, created_by, updated_at, updated_by, last_activity_at)
                VALUES (?, ?, 'dossier', 1, ?, 1, ?, 'bench', ?, 'bench', ?)""");
             PreparedStatement audit = connection.prepareStatement("""
                INSERT INTO audit_events (tenant_id, id, occurred_at, actor, action, target_type, target_id,
                                          client_address, details)
                VALUES (?, ?, ?, 'bench', 'record.created', 'record', ?, '127.0.0.1', ?)""")) {
            record.setLong(1, tenant.id().value());
            record.setBytes(2, id.toBytes());
            record.setString(3, data);
            record.setTimestamp(4, now);
            record.setTimestamp(5, now);
            record.setTimestamp(6, now);
            record.executeUpdate();
            audit.setLong(1, tenant.id().value());
            audit.setBytes(2, RecordId.generate().toBytes());
            audit.setTimestamp(3, now);
            audit.setString(4, id.toString());
            audit.setString(5, "{\"form\":\"dossier\",\"schemaVersion\":1,\"version\":1}");
            audit.executeUpdate();
        }
        return id.toString();
    }

    private List<String> submitBodies(Services services, int count) {
        FakeCaseFiles fake = new FakeCaseFiles(4242);
        FakeCaseFiles.Options options = new FakeCaseFiles.Options(true, true, LocalDate.now());
        List<String> bodies = new ArrayList<>();
        for (ObjectNode data : fake.generate(count, options)) {
            ObjectNode body = services.mapper().createObjectNode();
            body.put("form", FormService.CASE_FILE);
            body.set("data", data);
            bodies.add(body.toString());
        }
        return bodies;
    }

    private List<List<String>> sampleIds(Services services, List<Tenant> loaded) {
        List<List<String>> ids = new ArrayList<>();
        for (Tenant tenant : loaded) {
            ids.add(services.jdbi().withHandle(handle -> handle.createQuery(
                            "SELECT id FROM records WHERE tenant_id = :tenantId LIMIT 2000")
                    .bind("tenantId", tenant.id())
                    .map((rs, ctx) -> RecordId.fromBytes(rs.getBytes(1)).toString())
                    .list()));
        }
        return ids;
    }

    /** Prints the figures; writes them only when every measured request got the right answer. @return the exit code */
    private int report(Map<String, Latencies> results) throws Exception {
        System.out.println();
        System.out.printf("Dossier benchmark: %d tenants x %d records, %d concurrent clients, %.0f s per scenario, %d cores%n",
                tenants, records, clients, seconds, Runtime.getRuntime().availableProcessors());
        System.out.println(Latencies.header());
        results.values().forEach(latencies -> System.out.println(latencies.line()));
        System.out.println(Latencies.legend());
        List<Latencies> failed = results.values().stream().filter(latencies -> latencies.errors() > 0).toList();
        if (!failed.isEmpty()) {
            // Figures of a run that got wrong answers (a 303 to the login page, a 401, a 403...)
            // measure something else than the engine's work: refuse them rather than let them stand.
            for (Latencies latencies : failed) {
                System.err.printf("FAILED %s: %d wrong answers, first: %s%n", latencies.name(), latencies.errors(),
                        latencies.firstError().orElseThrow());
            }
            System.err.println("Figures not written to " + output.toAbsolutePath());
            return 1;
        }
        System.out.println();
        Double ratio = null;
        Double floorRatio = null;
        if (results.containsKey("submit") && results.containsKey("baseline")) {
            ratio = results.get("submit").throughput() / results.get("baseline").throughput();
            System.out.printf("submit / raw-JDBC baseline throughput ratio: %.2f (target >= 0.60)%n", ratio);
        }
        if (results.containsKey("floor") && results.containsKey("baseline")) {
            floorRatio = results.get("floor").throughput() / results.get("baseline").throughput();
            System.out.printf("HTTP floor / raw-JDBC baseline throughput ratio: %.2f (a bare endpoint: HTTP and JSON parsing, no engine work)%n",
                    floorRatio);
        }
        Map<String, Double> toFloors = FloorRatios.report(results);
        if (results.containsKey("render")) {
            System.out.printf("form render: %.0f pages/s (target >= 1000)%n", results.get("render").throughput());
        }
        if (results.containsKey("list-filtered")) {
            System.out.printf("list, status + antenne, by name p99: %.1f ms (target <= 50 ms)%n",
                    results.get("list-filtered").percentileMillis(99));
        }
        if (results.containsKey("list")) {
            System.out.printf("list/search p99: %.1f ms (target <= 50 ms)%n", results.get("list").percentileMillis(99));
        }
        if (results.containsKey("refuse")) {
            System.out.printf("refusal of the 1 MiB worst case (%,d empty household rows, 413): p50 %.1f ms, p99 %.1f ms%n",
                    WorstCase.rows(Config.ONE_MIB), results.get("refuse").percentileMillis(50),
                    results.get("refuse").percentileMillis(99));
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tenants", tenants);
        json.put("recordsPerTenant", records);
        json.put("clients", clients);
        json.put("secondsPerScenario", seconds);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("measuredAt", Instant.now().toString());
        Map<String, Object> scenarios = new LinkedHashMap<>();
        results.forEach((key, latencies) -> scenarios.put(key, latencies.toMap()));
        json.put("scenarios", scenarios);
        if (ratio != null) {
            json.put("submitToBaselineRatio", Math.round(ratio * 100.0) / 100.0);
        }
        if (floorRatio != null) {
            json.put("floorToBaselineRatio", Math.round(floorRatio * 100.0) / 100.0);
        }
        json.putAll(toFloors);
        Files.writeString(output, new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(json));
        System.out.println("Figures written to " + output.toAbsolutePath());
        return 0;
    }
}
