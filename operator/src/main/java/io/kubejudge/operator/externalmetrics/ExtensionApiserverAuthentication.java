package io.kubejudge.operator.externalmetrics;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The front proxy's settings read from {@code kube-system/extension-apiserver-authentication} (the
 * chart's RoleBinding to {@code extension-apiserver-authentication-reader} allows the get), kept for a
 * minute so that the HPA's requests do not each cost a read, and so that a rotated front-proxy CA is
 * picked up within a minute. A failed read is not kept: the next request tries again.
 */
public final class ExtensionApiserverAuthentication {

    static final Duration REFRESH = Duration.ofMinutes(1);

    private record Loaded(RequestHeaderSettings settings, Instant at) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private volatile Loaded loaded;

    public ExtensionApiserverAuthentication(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when the ConfigMap cannot be read or holds no front-proxy CA (the
     *                               message says which): requests are then refused as unauthenticated
     */
    public RequestHeaderSettings current() {
        Loaded l = loaded;
        Instant now = clock.instant();
        if (l != null && now.isBefore(l.at().plus(REFRESH))) {
            return l.settings();
        }
        ConfigMap map;
        try {
            map = client.configMaps().inNamespace(RequestHeaderSettings.NAMESPACE).withName(RequestHeaderSettings.CONFIG_MAP).get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read " + RequestHeaderSettings.NAMESPACE + "/" + RequestHeaderSettings.CONFIG_MAP
                    + ": " + e.getMessage(), e);
        }
        if (map == null) {
            throw new IllegalStateException("no ConfigMap " + RequestHeaderSettings.NAMESPACE + "/" + RequestHeaderSettings.CONFIG_MAP
                    + ": kube-apiserver publishes it when it runs an aggregation layer");
        }
        try {
            RequestHeaderSettings settings = RequestHeaderSettings.parse(map.getData());
            loaded = new Loaded(settings, now);
            return settings;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
