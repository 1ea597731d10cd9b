package io.kubejudge.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An informer cache that keeps a reduced copy of each object: the informer hands its listeners the
 * full object, only what stays in memory is cut down to what the operator reads. Nothing may write
 * an object back from such a cache.
 *
 * <p>One store per informer: fabric8's informer treats its store as its own (after a list it
 * removes every key it did not list), so each namespace's informer needs its own instance. A
 * stopped informer keeps a store given to it reachable (unlike its own cache, which it empties):
 * {@link #clear()} when the event source stops, or every operator restart in one JVM (the test
 * cluster's) would keep the previous instance's objects.
 */
public abstract class SlimItemStore<T extends HasMetadata> implements ItemStore<T> {
    private final Map<String, T> items = new ConcurrentHashMap<>();
    private final UnaryOperator<T> slim;

    protected SlimItemStore(UnaryOperator<T> slim) {
        this.slim = slim;
    }

    /** What a cached object keeps of its metadata: identity, versions, labels, owners, finalizers. */
    public static ObjectMeta identity(ObjectMeta m) {
        ObjectMeta kept = new ObjectMeta();
        kept.setName(m.getName());
        kept.setNamespace(m.getNamespace());
        kept.setUid(m.getUid());
        kept.setResourceVersion(m.getResourceVersion());
        kept.setGeneration(m.getGeneration());
        kept.setCreationTimestamp(m.getCreationTimestamp());
        kept.setDeletionTimestamp(m.getDeletionTimestamp());
        kept.setLabels(m.getLabels());
        kept.setOwnerReferences(m.getOwnerReferences());
        kept.setFinalizers(m.getFinalizers());
        return kept;
    }

    public void clear() {
        items.clear();
    }

    @Override
    public String getKey(T obj) {
        return Cache.metaNamespaceKeyFunc(obj);
    }

    @Override
    public T put(String key, T obj) {
        return items.put(key, slim.apply(obj));
    }

    @Override
    public T remove(String key) {
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<T> values() {
        return items.values().stream();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public T get(String key) {
        return items.get(key);
    }
}
