package org.dossier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
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
                "--seconds", "0.5", "--warmup", "0", "--output", output.toString());

        assertThat(exit).isZero();
        JsonNode figures = new ObjectMapper().readTree(Files.readString(output));
        assertThat(figures.get("scenarios").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("submit", "baseline", "floor", "render", "render-floor", "view", "api-read",
                        "read-floor", "list", "list-filtered", "refuse");
        figures.get("scenarios").forEach(scenario -> {
            assertThat(scenario.get("errors").asLong()).isZero();
            assertThat(scenario.get("requests").asLong()).isPositive();
            assertThat(scenario.has("warmupSeconds") && scenario.has("jitSettled")).isTrue();
        });
        assertThat(figures.get("submitToBaselineRatio").asDouble()).isPositive();
        assertThat(figures.get("floorToBaselineRatio").asDouble()).isPositive();
        for (String ratio : List.of("submitToFloorRatio", "renderToRenderFloorRatio", "viewToReadFloorRatio",
                "apiReadToReadFloorRatio")) {
            assertThat(figures.get(ratio)).as(ratio).isNotNull();
            assertThat(figures.get(ratio).asDouble()).as(ratio).isPositive();
        }
    }

    @Test
    void help_describes_every_scenario_and_every_option() {
        StringWriter help = new StringWriter();
        CommandLine command = new CommandLine(new Benchmark());
        command.setOut(new PrintWriter(help));

        int exit = command.execute("--help");

        assertThat(exit).isZero();
        for (String scenario : Benchmark.SCENARIOS) {
            // One line of its own per scenario: its name, then what it measures.
            assertThat(help.toString()).as(scenario).containsPattern("(?m)^\\s+" + Pattern.quote(scenario) + "\\s{2,}\\S");
        }
        command.getCommandSpec().options().forEach(option ->
                assertThat(String.join(" ", option.description())).as(option.longestName()).isNotBlank());
        command.getCommandSpec().options().forEach(option ->
                assertThat(help.toString()).contains(option.longestName()));
    }

    @Test
    void an_unknown_scenario_is_refused_before_anything_runs(@TempDir Path dir) {
        Path output = dir.resolve("bench.json");

        int exit = new CommandLine(new Benchmark()).execute("--scenarios", "submit,flor", "--output", output.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(output).doesNotExist();
    }
}
