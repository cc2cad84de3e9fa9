# syntax=docker/dockerfile:1
# Build stage: the whole Maven build, tests excluded (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY engine/pom.xml engine/
RUN mvn -B -q -pl engine -am dependency:go-offline
COPY schemas schemas
COPY templates templates
COPY admin-ui admin-ui
COPY engine engine
RUN mvn -B -q package -DskipTests

# Runtime stage: a JRE and the one jar, run as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN groupadd --system dossier && useradd --system --gid dossier --home-dir /var/lib/dossier --create-home dossier
WORKDIR /var/lib/dossier
COPY --from=build /src/engine/target/dossier.jar /opt/dossier/dossier.jar
USER dossier
ENV PORT=7070 \
    DOSSIER_DATA_DIR=/var/lib/dossier/data
EXPOSE 7070
# Orchestrators probe GET /health/live (process up) and GET /health/ready (database answers, migrated).
# In production set DOSSIER_DB_URL (MySQL 8 / MariaDB >= 10.6); without it an embedded MariaDB runs in the data dir.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/dossier/dossier.jar"]
CMD ["serve"]
