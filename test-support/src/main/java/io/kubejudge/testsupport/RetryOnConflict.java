package io.kubejudge.testsupport;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.function.UnaryOperator;

/**
 * A test's change to an object a controller also writes, as client-go's {@code RetryOnConflict}
 * makes it. fabric8's {@code edit} sends the resourceVersion it read, so a status the operator
 * (or a test-cluster controller) writes between the read and the patch makes the API server answer
 * 409; the change is then applied again to a fresh read. {@code change} must therefore be safe to
 * apply to any recent version of the object.
 */
public final class RetryOnConflict {

    private static final int ATTEMPTS = 10;

    private RetryOnConflict() {
    }

    public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
        for (int attempt = 1;; attempt++) {
            try {
                return resource.edit(change);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
