# syntax=docker/dockerfile:1
# Build stage: the Maven build, tests excluded (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The poms alone first: the dependencies and plugins land in a layer of their own, which a change of
# the sources does not invalidate, and the package step then runs offline (-o) from it.
# go-offline alone misses components that plugins load when they run (maven-resources-plugin's
# filtering): packaging the empty project once runs every plugin of the build and fetches them too.
COPY pom.xml ./
COPY engine/pom.xml engine/
RUN mvn -B -q -pl engine -am dependency:go-offline \
    && mvn -B -q -pl engine -am package -DskipTests \
    && rm -rf engine/target
COPY schemas schemas
COPY templates templates
COPY admin-ui admin-ui
COPY engine engine
RUN mvn -B -q -o package -DskipTests

# Runtime stage: a JRE and the one jar, run as an unprivileged user.
FROM eclipse-temurin:17-jre
# curl for the health check only. The data directory exists in the image, owned by the user, so that
# a named volume mounted on it starts with that owner (an empty root-owned one could not be written).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 dossier \
    && useradd --system --uid 10001 --gid dossier --home-dir /var/lib/dossier --create-home dossier \
    && install -d -o dossier -g dossier -m 0700 /var/lib/dossier/data
WORKDIR /var/lib/dossier
COPY --from=build /src/engine/target/dossier.jar /opt/dossier/dossier.jar
# A numeric user, so that an orchestrator enforcing "run as non-root" can check it without /etc/passwd.
USER 10001:10001
ENV PORT=7070 \
    DOSSIER_DATA_DIR=/var/lib/dossier/data \
    DOSSIER_SHUTDOWN_DRAIN=20
EXPOSE 7070
# Liveness, not readiness: a container runtime acts on "unhealthy" by restarting (Swarm, an autoheal),
# and /health/live turns red only when the app cannot recover by itself. /health/ready also goes red
# while the database restarts or the node drains, which the app rides out on its own: that one is for
# the load balancer, which stops routing to the node (deploy/Caddyfile). The start period covers the
# migrations of a first start.
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/health/live" || exit 1
# SIGTERM starts the graceful stop: readiness fails, the requests in flight get DOSSIER_SHUTDOWN_DRAIN
# seconds, then the scheduler, the pool and the database stop. Give the container more than the drain
# before it is killed: docker's default is 10 s, so run with --stop-timeout 30 (compose:
# stop_grace_period; Kubernetes: terminationGracePeriodSeconds, 30 by default).
STOPSIGNAL SIGTERM
# In production set DOSSIER_DB_URL (MySQL 8 / MariaDB >= 10.6); deploy/compose.yaml shows the whole shape.
# java is process 1 (exec form): it gets the SIGTERM itself. An OutOfMemoryError ends the process,
# so that the restart policy starts a clean one instead of a half-working JVM serving errors.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/dossier/dossier.jar"]
CMD ["serve"]
