package io.kubejudge.api.catalog;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A read-through cache of one kind of resource in the judge namespace, kept by an informer so
 * that a submission costs no lookup on the API server. A name the cache lacks is read directly:
 * a problem created a moment ago is found before the informer hears of it.
 */
abstract class InformedCatalog<T extends CustomResource<?, ?>> {

    private static final Logger LOG = Logger.getLogger(InformedCatalog.class);

    private final KubernetesClient client;
    private final Class<T> type;
    private final String namespace;
    private volatile SharedIndexInformer<T> informer;

    InformedCatalog(KubernetesClient client, Class<T> type, String namespace) {
        this.client = client;
        this.type = type;
        this.namespace = namespace;
    }

    /** Starts watching without waiting: the API serves (reading through) while the cache fills. */
    void start() {
        try {
            SharedIndexInformer<T> i = client.resources(type).inNamespace(namespace).runnableInformer(0);
            i.start().whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.warnf("informer of %s in %s did not start: %s", type.getSimpleName(), namespace, failure.getMessage());
                }
            });
            informer = i;
        } catch (KubernetesClientException e) {
            LOG.warnf("informer of %s in %s did not start: %s", type.getSimpleName(), namespace, e.getMessage());
        }
    }

    void stop() {
        SharedIndexInformer<T> i = informer;
        if (i != null) {
            i.close();
        }
    }

    public Optional<T> find(String name) {
        SharedIndexInformer<T> i = informer;
        if (i != null) {
            T cached = i.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        return Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get());
    }

    /** Every resource: from the cache once it is synced, else listed directly. */
    public List<T> all() {
        SharedIndexInformer<T> i = informer;
        if (i != null && i.hasSynced()) {
            return i.getStore().list();
        }
        return client.resources(type).inNamespace(namespace).list().getItems();
    }
}
