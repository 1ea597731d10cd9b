package io.kubejudge.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/**
 * A rendered chart: the manifests as {@code helm template} prints them, and the same parsed
 * strictly into fabric8 objects (an unknown or misspelt field would have failed the parse).
 */
public record Rendering(String manifests, List<HasMetadata> objects) {

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
