package io.kubejudge.api.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The API's requests by route and status ({@code http_server_requests_seconds}, Quarkus' binder,
 * {@code uri} being the route template) with histogram buckets, so that the dashboard can show
 * latency percentiles per route across the API's replicas (a per-pod summary cannot be summed).
 */
public class RequestLatencyHistogram {

    @Produces
    @Singleton
    public MeterFilter requestHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
