package io.kubejudge.operator.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * java-operator-sdk registers its "events received" counter with and without an {@code action}
 * tag; Prometheus requires one set of tag keys per name and refuses the second. Giving the
 * tagless ones {@code action="none"} keeps both series.
 */
public class OperatorSdkMeterFilter {

    @Produces
    @Singleton
    public MeterFilter consistentEventTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().endsWith("events.received") && id.getTag("action") == null) {
                    return id.withTag(Tag.of("action", "none"));
                }
                return id;
            }
        };
    }
}
