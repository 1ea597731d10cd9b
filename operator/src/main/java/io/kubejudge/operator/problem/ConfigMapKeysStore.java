package io.kubejudge.operator.problem;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kubejudge.operator.SlimItemStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The informer cache of data ConfigMaps, holding their key names only: validating a problem needs
 * to know which files exist, never their content, and test data can be tens of MiB per problem.
 * Values become empty strings and annotations go (kubectl's last-applied-configuration annotation
 * is a second copy of the data).
 */
final class ConfigMapKeysStore extends SlimItemStore<ConfigMap> {

    ConfigMapKeysStore() {
        super(ConfigMapKeysStore::keysOnly);
    }

    static ConfigMap keysOnly(ConfigMap cm) {
        return new ConfigMapBuilder().withMetadata(identity(cm.getMetadata())).withImmutable(cm.getImmutable())
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
}
