# The image of one of KubeJudge's two Quarkus services, chosen by the build argument SERVICE:
#   operator  reconcilers of JudgeSubmission, JudgeProblem, JudgeNodePool
#   api       the REST API (submissions, verdicts, live streams, pools)
# The Quarkus fast-jar on a Java 17 runtime, nothing else (no JDK, no build tools, no shell tools
# beyond Debian's base). Built by scripts/build-images.sh with <service>/target/quarkus-app/ as
# the build context, so the context holds only the packaged application.
#
# Runs read-only as uid 65534 (nobody) with no capabilities; the only writable path is
# /tmp (an emptyDir in the pod, a tmpfs under docker run): java.io.tmpdir and HOME
# point there, which is where Vert.x puts its file cache.
FROM debian:bookworm-slim

# The largest, least often changed layer first (shared by both services' images).
# -headless: no X11/GUI libraries.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb /usr/share/doc/* /usr/share/man/*

# Declared after the JRE layer so that layer does not depend on it.
ARG SERVICE
RUN case "$SERVICE" in operator|api) ;; *) echo "build argument SERVICE must be operator or api, got '$SERVICE'" >&2; exit 1 ;; esac

# Dependencies change less often than the application's own classes: separate layers.
COPY lib/ /opt/kubejudge/${SERVICE}/lib/
COPY quarkus-run.jar /opt/kubejudge/${SERVICE}/
COPY app/ /opt/kubejudge/${SERVICE}/app/
COPY quarkus/ /opt/kubejudge/${SERVICE}/quarkus/

# Container-aware heap (a share of the memory limit rather than of the node's memory)
# and a crash instead of a limping JVM after an OutOfMemoryError, so that the kubelet
# restarts the pod. JAVA_OPTS replaces these defaults when set.
# KUBEJUDGE_APP_DIR: build arguments are not expanded in ENTRYPOINT, so the entrypoint's
# shell reads the application's folder from the environment.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    HOME=/tmp \
    LANG=C.UTF-8 \
    KUBEJUDGE_APP_DIR=/opt/kubejudge/${SERVICE}

WORKDIR /tmp
USER 65534:65534
EXPOSE 8080
# A shell only to expand JAVA_OPTS and KUBEJUDGE_APP_DIR; exec so that java is PID 1 and gets SIGTERM.
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar \"$KUBEJUDGE_APP_DIR/quarkus-run.jar\" \"$@\"", "--"]
