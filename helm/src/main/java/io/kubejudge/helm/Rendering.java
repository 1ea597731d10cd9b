package io.kubejudge.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A rendered chart: the manifests as {@code helm template} prints them, and the same parsed
 * strictly into fabric8 objects (an unknown or misspelt field would have failed the parse).
 */
public record Rendering(String manifests, List<HasMetadata> objects) {

    static final String HOOK = "helm.sh/hook";
    static final String HOOK_WEIGHT = "helm.sh/hook-weight";

    /** What `helm install` applies: every object that is not a hook. */
    public List<HasMetadata> releaseObjects() {
        return objects.stream().filter(o -> hookEvents(o).isEmpty()).toList();
    }

    /**
     * The hooks of one event (e.g. {@code pre-delete}) in the order Helm runs them: by
     * {@code helm.sh/hook-weight}, then kind and name (Helm waits for each Job to complete).
     */
    public List<HasMetadata> hooks(String event) {
        return objects.stream().filter(o -> hookEvents(o).contains(event))
                .sorted(Comparator.comparingInt(Rendering::hookWeight)
                        .thenComparing(HasMetadata::getKind).thenComparing(o -> o.getMetadata().getName()))
                .toList();
    }

    private static List<String> hookEvents(HasMetadata o) {
        Map<String, String> annotations = o.getMetadata().getAnnotations();
        String events = annotations == null ? null : annotations.get(HOOK);
        return events == null ? List.of() : List.of(events.replace(" ", "").split(","));
    }

    private static int hookWeight(HasMetadata o) {
        String weight = o.getMetadata().getAnnotations().get(HOOK_WEIGHT);
        return weight == null ? 0 : Integer.parseInt(weight.trim());
    }

    /** The objects of one kind, in output order. */
    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one object of that kind and name; fails naming what is there instead. */
    public <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
        if (found.size() != 1) {
            throw new ChartException("expected one " + type.getSimpleName() + " '" + name + "', found " + found.size()
                    + " among " + all(type).stream().map(o -> o.getMetadata().getName()).toList());
        }
        return found.get(0);
    }
}
