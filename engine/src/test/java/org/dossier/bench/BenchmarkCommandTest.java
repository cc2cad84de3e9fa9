package org.dossier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole command on a tiny load: every scenario runs, gets only right answers, and its figures
 * are written. Not in the MySQL 8 pass: the benchmark always starts its own embedded MariaDB.
 */
class BenchmarkCommandTest {

    @Test
    void every_scenario_runs_with_right_answers_and_the_figures_are_written(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("bench.json");

        int exit = new CommandLine(new Benchmark()).execute("--tenants", "2", "--records", "30", "--clients", "2",
                "--seconds", "0.5", "--warmup", "0.2", "--output", output.toString());

        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(Files.readString(output));
        assertThat(figures.get("scenarios").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("submit", "baseline", "floor", "render", "view", "list", "list-filtered", "refuse");
        figures.get("scenarios").forEach(scenario -> {
            assertThat(scenario.get("errors").asLong()).isZero();
            assertThat(scenario.get("requests").asLong()).isPositive();
        });
        assertThat(figures.get("submitToBaselineRatio").asDouble()).isPositive();
        assertThat(figures.get("floorToBaselineRatio").asDouble()).isPositive();
    }

    @Test
    void an_unknown_scenario_is_refused_before_anything_runs(@TempDir Path dir) {
        Path output = dir.resolve("bench.json");

        int exit = new CommandLine(new Benchmark()).execute("--scenarios", "submit,flor", "--output", output.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(output).doesNotExist();
    }
}
