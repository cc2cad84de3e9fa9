package org.dossier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench --scale} on a tiny load: every figure is measured with right answers only, printed
 * beside its target and written with it. Not in the MySQL 8 pass: the benchmark starts its own
 * embedded MariaDB.
 */
class ScaleBenchmarkTest {

    @Test
    void scale_loads_measures_and_writes_every_figure_with_its_target(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("scale.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new Benchmark()).execute("--scale", "--scale-services", "3", "--scale-records", "50",
                    "--scale-large", "200", "--scale-engine-records", "20", "--clients", "2", "--seconds", "1",
                    "--warmup", "0", "--output", output.toString());
        } finally {
            System.setOut(original);
        }
        String text = printed.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(text).isZero();
        JsonNode figures = new ObjectMapper().readTree(Files.readString(output));
        assertThat(figures.get("loadSeconds").asDouble()).isPositive();
        assertThat(figures.get("loadPerSecond").asLong()).isPositive();
        for (ScaleBench.Target target : ScaleBench.TARGETS) {
            JsonNode scenario = figures.get("scenarios").get(target.key());
            assertThat(scenario).as(target.key()).isNotNull();
            assertThat(scenario.get("errors").asLong()).as(target.key()).isZero();
            assertThat(scenario.get("requests").asLong()).as(target.key()).isPositive();
            JsonNode figure = figures.get("targets").get(target.key());
            assertThat(figure).as(target.key()).isNotNull();
            assertThat(text).contains(target.label());
            target.boundMillis().ifPresent(bound -> {
                assertThat(figure.get("targetMs").asDouble()).isEqualTo(bound);
                assertThat(figure.get("met").isBoolean()).isTrue();
            });
        }
        // Every service says how fast it loaded, and the whole load its total.
        assertThat(text).containsPattern("scale-1 +50 case files in .* a second");
        assertThat(text).containsPattern("scale-large +200 case files in .* a second");
        assertThat(text).containsPattern("Loaded 350 case files in [0-9.]+ s");
        assertThat(text).containsPattern("(met|NOT MET)");
    }
}
