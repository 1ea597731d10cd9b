package io.kubejudge.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code helm template} is asked for: the release, its namespace and the values, applied in
 * Helm's order (values files, then {@code --set}, then {@code --set-string}).
 */
public final class RenderRequest {
    private String releaseName = "kubejudge";
    private String namespace = "kubejudge";
    private final List<Path> valuesFiles = new ArrayList<>();
    private final Map<String, String> set = new LinkedHashMap<>();
    private final Map<String, String> setString = new LinkedHashMap<>();
    private boolean includeCrds;
    private boolean noHooks;
    /** Helm's library alone assumes v1.20; the chart is for 1.27 and newer (kubectl here is 1.32). */
    private String kubeVersion = "v1.32.0";

    public static RenderRequest release(String releaseName) {
        return new RenderRequest().releaseName(releaseName);
    }

    public RenderRequest releaseName(String name) {
        this.releaseName = name;
        return this;
    }

    public RenderRequest namespace(String namespace) {
        this.namespace = namespace;
        return this;
    }

    public RenderRequest values(Path file) {
        valuesFiles.add(file);
        return this;
    }

    /** As {@code --set key=value}: Helm infers the value's type (numbers, booleans). */
    public RenderRequest set(String key, String value) {
        set.put(key, value);
        return this;
    }

    /** As {@code --set-string key=value}: the value stays a string. */
    public RenderRequest setString(String key, String value) {
        setString.put(key, value);
        return this;
    }

    /** As {@code --include-crds}: the chart's crds/ files come first in the output. */
    public RenderRequest includeCrds(boolean include) {
        this.includeCrds = include;
        return this;
    }

    /**
     * As {@code --no-hooks}: the hooks are left out. Needed when the output is piped to
     * {@code kubectl apply}, which would run the pre-delete hook at once.
     */
    public RenderRequest noHooks(boolean noHooks) {
        this.noHooks = noHooks;
        return this;
    }

    /** As {@code --kube-version}: the Kubernetes version the templates see (.Capabilities.KubeVersion). */
    public RenderRequest kubeVersion(String version) {
        this.kubeVersion = version;
        return this;
    }

    public String releaseName() { return releaseName; }
    public String kubeVersion() { return kubeVersion; }
    public String namespace() { return namespace; }
    public List<Path> valuesFiles() { return List.copyOf(valuesFiles); }
    public Map<String, String> set() { return new LinkedHashMap<>(set); }
    public Map<String, String> setString() { return new LinkedHashMap<>(setString); }
    public boolean includeCrds() { return includeCrds; }
    public boolean noHooks() { return noHooks; }
}
