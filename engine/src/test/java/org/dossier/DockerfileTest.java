package org.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerfileTest {
    @Test
    void instructions_are_read_by_stage_with_continuations_joined_and_comments_dropped() {
        Dockerfile dockerfile = Dockerfile.parse("""
                # syntax=docker/dockerfile:1
                FROM maven:3.9 AS build
                WORKDIR /src
                RUN mvn -B \\
                    # a comment inside a continued instruction
                    -q package
                FROM eclipse-temurin:17-jre
                env PORT=7070 \\
                    DOSSIER_DATA_DIR=/data
                USER 10001:10001
                """);

        assertThat(dockerfile.instructions()).extracting(Dockerfile.Instruction::keyword)
                .containsExactly("FROM", "WORKDIR", "RUN", "FROM", "ENV", "USER");
        assertThat(dockerfile.stageNamed("build")).isZero();
        assertThat(dockerfile.lastStage()).isEqualTo(1);
        assertThat(dockerfile.lastInStage(0, "RUN").orElseThrow())
                .isEqualTo(new Dockerfile.Instruction(4, "RUN", "mvn -B  -q package", 0));
        assertThat(dockerfile.env(1, "DOSSIER_DATA_DIR")).contains("/data");
        assertThat(dockerfile.env(0, "PORT")).isEmpty();
        assertThat(dockerfile.lastInStage(1, "USER").orElseThrow().arguments()).isEqualTo("10001:10001");
    }
}
