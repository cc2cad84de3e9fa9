package org.dossier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile read as Docker reads its instructions: comments and parser directives dropped, lines
 * ending in a backslash joined, each instruction numbered by its stage ({@code FROM} starts one).
 * No Docker here to build the image, so the tests check what the file says against what Maven builds
 * and the server does.
 */
record Dockerfile(List<Dockerfile.Instruction> instructions) {

    /** One instruction: its line, its keyword in capitals, its arguments, and its stage (0 first). */
    record Instruction(int line, String keyword, String arguments, int stage) {}

    static Dockerfile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int stage = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int first = i + 1;
            StringBuilder joined = new StringBuilder();
            while (line.endsWith("\\") && i + 1 < lines.length) {
                joined.append(line, 0, line.length() - 1).append(' ');
                line = lines[++i].strip();
                while (line.startsWith("#") && i + 1 < lines.length) {
                    line = lines[++i].strip();
                }
            }
            joined.append(line);
            String[] parts = joined.toString().strip().split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            if (keyword.equals("FROM")) {
                stage++;
            }
            instructions.add(new Instruction(first, keyword, parts.length > 1 ? parts[1].strip() : "", stage));
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    int lastStage() {
        return instructions.stream().mapToInt(Instruction::stage).max().orElse(-1);
    }

    List<Instruction> inStage(int stage, String keyword) {
        return instructions.stream().filter(instruction -> instruction.stage() == stage
                && instruction.keyword().equals(keyword)).toList();
    }

    Optional<Instruction> lastInStage(int stage, String keyword) {
        List<Instruction> found = inStage(stage, keyword);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** The stage a {@code FROM ... AS name} names. */
    int stageNamed(String name) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals("FROM")
                        && instruction.arguments().toLowerCase(Locale.ROOT).endsWith(" as " + name.toLowerCase(Locale.ROOT)))
                .mapToInt(Instruction::stage).findFirst().orElseThrow(() -> new AssertionError("no stage " + name));
    }

    /** The value an {@code ENV} of the stage gives a variable ({@code ENV A=1 \ B=2} form). */
    Optional<String> env(int stage, String name) {
        Optional<String> value = Optional.empty();
        for (Instruction env : inStage(stage, "ENV")) {
            for (String assignment : env.arguments().split("\\s+")) {
                if (assignment.startsWith(name + "=")) {
                    value = Optional.of(assignment.substring(name.length() + 1).replace("\"", ""));
                }
            }
        }
        return value;
    }
}
