package io.kubejudge.operator.uninstall;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.KubeJudge;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.job.PodFinalizer;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The chart's pre-delete hook, run with the operator's image before the operator goes:
 * <ol>
 *   <li>deletes every JudgeSubmission in the judges' namespaces, so that the still running operator
 *       stops their judgings, archives them and lets them go (its finalizer);</li>
 *   <li>waits for that, up to a timeout;</li>
 *   <li>then removes what nobody would remove any more once the operator is gone: the
 *       {@code kubejudge.io/result} finalizer of judge pods (a deleted pod would stay Terminating)
 *       and KubeJudge finalizers still on JudgeSubmissions (the CRDs could not be deleted).</li>
 * </ol>
 * Configured by environment: {@code KUBEJUDGE_NAMESPACES} (comma list; empty: all namespaces) and
 * {@code KUBEJUDGE_UNINSTALL_TIMEOUT} (default 60s). Prints what it did; exits 0 when done, 1 when
 * the API server refused something, 2 on a bad setting. Kubernetes access from the pod's
 * ServiceAccount (in-cluster configuration), or as kubectl would find it.
 */
public final class ReleaseJudges {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int ROUNDS = 5;

    private final KubernetesClient client;
    private final List<String> namespaces;
    private final PrintStream out;

    ReleaseJudges(KubernetesClient client, List<String> namespaces, PrintStream out) {
        this.client = client;
        this.namespaces = namespaces;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out, System.err, () -> new KubernetesClientBuilder().build()));
    }

    static int run(Map<String, String> env, PrintStream out, PrintStream err,
                   Supplier<KubernetesClient> clients) {
        List<String> namespaces;
        Duration timeout;
        try {
            namespaces = namespaces(env.getOrDefault("KUBEJUDGE_NAMESPACES", ""));
            timeout = timeout(env.getOrDefault("KUBEJUDGE_UNINSTALL_TIMEOUT", ""));
        } catch (IllegalArgumentException e) {
            err.println("release-judges: " + e.getMessage());
            return 2;
        }
        try (KubernetesClient client = clients.get()) {
            new ReleaseJudges(client, namespaces, out).release(timeout);
            return 0;
        } catch (KubernetesClientException e) {
            err.println("release-judges: the API server refused: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("release-judges: interrupted");
            return 1;
        }
    }

    static List<String> namespaces(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** {@code 90}, {@code 90s}, {@code 2m}, {@code 1m30s}; empty: the default. */
    static Duration timeout(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            Duration d = v.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(v))
                    : Duration.parse("PT" + v.toUpperCase());
            if (d.isNegative()) {
                throw new IllegalArgumentException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("KUBEJUDGE_UNINSTALL_TIMEOUT must be a duration such as 60s, 2m or 90, got '"
                    + value + "'");
        }
    }

    void release(Duration timeout) throws InterruptedException {
        String where = namespaces.isEmpty() ? "all namespaces" : "namespace(s) " + String.join(", ", namespaces);
        List<JudgeSubmission> submissions = submissions();
        if (submissions == null) {
            out.println("release-judges: the JudgeSubmission resource type is not installed: no submissions to release");
        } else {
            int deleted = 0;
            for (JudgeSubmission s : submissions) {
                if (s.getMetadata().getDeletionTimestamp() == null) {
                    client.resource(s).delete();
                    deleted++;
                }
            }
            out.printf("release-judges: deleted %d JudgeSubmission(s) in %s (%d found)%n", deleted, where, submissions.size());
            long t0 = System.nanoTime();
            long until = t0 + timeout.toNanos();
            List<JudgeSubmission> left = submissions();
            while (left != null && !left.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(POLL.toMillis());
                left = submissions();
            }
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            int leftCount = left == null ? 0 : left.size();
            out.printf("release-judges: after %d ms %d JudgeSubmission(s) left%s%n", waitedMs, leftCount,
                    leftCount == 0 ? "" : " (the operator did not finish them within " + timeout.toSeconds() + " s)");
            for (JudgeSubmission s : left == null ? List.<JudgeSubmission>of() : left) {
                List<String> removed = removeFinalizers(s, ReleaseJudges::isKubeJudgeFinalizer);
                if (!removed.isEmpty()) {
                    out.printf("release-judges: removed finalizer(s) %s from JudgeSubmission %s/%s%n", removed,
                            s.getMetadata().getNamespace(), s.getMetadata().getName());
                }
            }
        }
        int released = 0;
        for (Pod pod : judgePods()) {
            if (PodFinalizer.holds(pod)) {
                new PodFinalizer(client).release(pod);
                released++;
                out.printf("release-judges: removed finalizer %s from pod %s/%s%n", PodFinalizer.NAME,
                        pod.getMetadata().getNamespace(), pod.getMetadata().getName());
            }
        }
        out.printf("release-judges: done (%d judge pod(s) released)%n", released);
    }

    /** Ours: the JudgeSubmission reconciler's ({@code judgesubmissions.kubejudge.io/finalizer}) or any other of our group. */
    static boolean isKubeJudgeFinalizer(String finalizer) {
        String domain = finalizer.contains("/") ? finalizer.substring(0, finalizer.indexOf('/')) : finalizer;
        return domain.equals(KubeJudge.GROUP) || domain.endsWith("." + KubeJudge.GROUP);
    }

    /** Null when the resource type is not there (CRDs already deleted). */
    private List<JudgeSubmission> submissions() {
        try {
            if (namespaces.isEmpty()) {
                return client.resources(JudgeSubmission.class).inAnyNamespace().list().getItems();
            }
            List<JudgeSubmission> all = new ArrayList<>();
            for (String ns : namespaces) {
                all.addAll(client.resources(JudgeSubmission.class).inNamespace(ns).list().getItems());
            }
            return all;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** The pods of judge Jobs, by the labels the operator gives them (JudgeLabels.JUDGE_SELECTOR). */
    private List<Pod> judgePods() {
        Function<String, List<Pod>> in = ns -> (ns == null ? client.pods().inAnyNamespace().withLabelSelector(JudgeLabels.JUDGE_SELECTOR)
                : client.pods().inNamespace(ns).withLabelSelector(JudgeLabels.JUDGE_SELECTOR)).list().getItems();
        if (namespaces.isEmpty()) {
            return in.apply(null);
        }
        return namespaces.stream().flatMap(ns -> in.apply(ns).stream()).toList();
    }

    /**
     * Removes the matching finalizers, and only them, writing with the resourceVersion read (a
     * concurrent change is a 409 and a new read, not lost); gone already counts as done.
     */
    private <T extends HasMetadata> List<String> removeFinalizers(T resource, Predicate<String> ours) {
        T current = resource;
        for (int round = 1; ; round++) {
            List<String> finalizers = current.getMetadata().getFinalizers() == null ? List.of() : current.getMetadata().getFinalizers();
            List<String> removed = finalizers.stream().filter(ours).toList();
            if (removed.isEmpty()) {
                return removed;
            }
            T without = client.getKubernetesSerialization().clone(current);
            without.getMetadata().setFinalizers(finalizers.stream().filter(ours.negate()).toList());
            try {
                client.resource(without).update();
                return removed;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return List.of();
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || round >= ROUNDS) {
                    throw e;
                }
            }
            T fresh = client.resource(current).get();
            if (fresh == null || !Objects.equals(fresh.getMetadata().getUid(), resource.getMetadata().getUid())) {
                return List.of();
            }
            current = fresh;
        }
    }
}
