package io.kubejudge.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Everything an operator of the API may tune; defaults in application.properties. */
@ConfigMapping(prefix = "kubejudge.api")
public interface ApiConfig {

    /** Namespace of the judge resources; empty means the Kubernetes client's namespace. */
    Optional<String> namespace();

    /** Name of the JudgeProblem that a request's {@code problem_id} designates; {@code {id}} is replaced. */
    @WithDefault("problem-{id}")
    String problemNameTemplate();

    @WithDefault("default")
    String defaultPool();

    /** Largest {@code code} accepted, in UTF-8 bytes. */
    @WithDefault("65536")
    int maxCodeBytes();

    RateLimit rateLimit();

    Events events();

    Metrics metrics();

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Submissions one user may make per window. */
        @WithDefault("20")
        int submissions();

        @WithDefault("60s")
        Duration window();

        /**
         * Reads (status, opening a stream) one user may make per {@link #readWindow()}; a token
         * bucket per user and replica, refilled evenly. Admins are not limited.
         */
        @WithDefault("300")
        int reads();

        @WithDefault("60s")
        Duration readWindow();
    }

    interface Events {
        /** How often open streams of queued submissions look up their live queue position. */
        @WithDefault("2s")
        Duration queuePositionInterval();

        /** How often open streams re-read the resource, in case a Redis event was lost. */
        @WithDefault("60s")
        Duration recheckInterval();

        /** How long a new stream waits for its Redis subscription before it reads the state anyway. */
        @WithDefault("3s")
        Duration subscribeTimeout();

        /** Live streams one API replica holds at most; more are answered 429. */
        @WithDefault("5000")
        int maxStreams();

        /** Live streams one user holds at most on one replica; more are answered 429. */
        @WithDefault("4")
        int maxStreamsPerUser();

        /**
         * Events one stream holds for a client that does not read them; one more and the stream
         * ends with a final 'error' event (code slow_reader) instead of buffering without end.
         */
        @WithDefault("64")
        int maxBufferedEvents();

        /** Retry-After of a 429 for too many streams. */
        @WithDefault("5s")
        Duration busyRetryAfter();
    }

    interface Metrics {
        String prometheusEndpoint();

        String grafanaDashboard();

        /** How long a missing metrics API (metrics-server) is not asked again. */
        @WithDefault("60s")
        Duration absentRetry();
    }
}
