package io.kubejudge.operator.leader;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.kubejudge.operator.OperatorSettings;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.function.Consumer;

/**
 * Hands the deployed operator's {@link LeaderLease} (kubejudge.leader-election.*) to
 * quarkus-operator-sdk. Not a LeaderElectionConfiguration bean: the extension only looks for one in
 * the profiles listed at build time, while this is switched on at run time by the chart.
 */
@Singleton
@Unremovable // looked up by the extension, injected nowhere
public class LeaderElectionCustomizer implements ConfigurationServiceCustomizer {
    private final OperatorSettings settings;

    public LeaderElectionCustomizer(OperatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public Consumer<ConfigurationServiceOverrider> overrider() {
        return o -> {
            if (settings.leaderLease() != null) {
                o.withLeaderElectionConfiguration(settings.leaderLease().configuration());
            }
        };
    }
}
