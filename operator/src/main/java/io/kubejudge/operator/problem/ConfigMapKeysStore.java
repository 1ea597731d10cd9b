package io.kubejudge.operator.problem;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The informer cache of data ConfigMaps, holding their key names only: validating a problem needs
 * to know which files exist, never their content, and test data can be tens of MiB per problem.
 * Values become empty strings and annotations go (kubectl's last-applied-configuration annotation
 * is a second copy of the data). Informers hand their listeners the full object; only what stays
 * in memory is reduced.
 *
 * <p>One store per informer: fabric8's informer treats its store as its own (after a list it
 * removes every key it did not list), so the per-namespace informers get one each rather than
 * one shared instance.
 */
final class ConfigMapKeysStore implements ItemStore<ConfigMap> {
    private final BasicItemStore<ConfigMap> items = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

    static ConfigMap keysOnly(ConfigMap cm) {
        ObjectMeta m = cm.getMetadata();
        ObjectMeta kept = new ObjectMetaBuilder()
                .withName(m.getName())
                .withNamespace(m.getNamespace())
                .withUid(m.getUid())
                .withResourceVersion(m.getResourceVersion())
                .withGeneration(m.getGeneration())
                .withCreationTimestamp(m.getCreationTimestamp())
                .withDeletionTimestamp(m.getDeletionTimestamp())
                .withLabels(m.getLabels())
                .withOwnerReferences(m.getOwnerReferences())
                .build();
        return new ConfigMapBuilder().withMetadata(kept).withImmutable(cm.getImmutable())
                .withData(emptyValues(cm.getData())).withBinaryData(emptyValues(cm.getBinaryData())).build();
    }

    private static Map<String, String> emptyValues(Map<String, String> data) {
        if (data == null) {
            return null;
        }
        Map<String, String> keys = new LinkedHashMap<>();
        data.keySet().forEach(k -> keys.put(k, ""));
        return keys;
    }

    @Override
    public String getKey(ConfigMap cm) {
        return items.getKey(cm);
    }

    @Override
    public ConfigMap put(String key, ConfigMap cm) {
        return items.put(key, keysOnly(cm));
    }

    @Override
    public ConfigMap remove(String key) {
        return items.remove(key);
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet();
    }

    @Override
    public Stream<ConfigMap> values() {
        return items.values();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public ConfigMap get(String key) {
        return items.get(key);
    }
}
