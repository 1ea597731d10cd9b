package io.kubejudge.api.support;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubejudge.api.auth.MintToken;
import io.kubejudge.api.auth.Roles;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.Autoscaling;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeNodePoolSpec;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmissionStatus;
import io.kubejudge.model.v1alpha1.KubeJudge;
import io.kubejudge.model.v1alpha1.TestCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Problems, pools, tokens and request bodies for the tests, which share one app and one mock API server. */
public final class Fixtures {

    /** Ids unique across every test class of the run: submissions are named after them. */
    private static final AtomicLong IDS = new AtomicLong(1000);

    /** The problem every test submits to unless it needs another: problem_id 1 accepts everything. */
    public static final long PROBLEM_ANY = 1;
    /** problem_id 2 accepts c and cpp only. */
    public static final long PROBLEM_C_ONLY = 2;

    private Fixtures() {
    }

    /** Submission id -> JudgeSubmission name (sub-<user>-<id>), for every id a fixture made a body or object of. */
    private static final Map<Long, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The JudgeSubmission name of a submission id this run used (ids are per user: the name holds the user). */
    public static String nameOf(long submissionId) {
        String name = NAMES.get(submissionId);
        if (name == null) {
            throw new IllegalStateException("no fixture made submission " + submissionId);
        }
        return name;
    }

    /** The user of a submission id this run used. */
    public static long userOf(long submissionId) {
        String name = nameOf(submissionId);
        return Long.parseLong(name.substring(4, name.lastIndexOf('-')));
    }

    private static void remember(long submissionId, long userId) {
        NAMES.put(submissionId, "sub-" + userId + "-" + submissionId);
    }

    public static long nextId() {
        return IDS.incrementAndGet();
    }

    public static String token(String user, String... roles) {
        try {
            return MintToken.mint(MintToken.Options.of(user, roles.length == 0 ? new String[] {Roles.SUBMITTER} : roles));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String adminToken() {
        return token("admin-1", Roles.ADMIN);
    }

    /** Creates the standard problems and pools once; later calls find them. */
    public static synchronized void ensureCatalog(KubernetesClient client) {
        if (client.resources(JudgeProblem.class).withName("problem-1").get() == null) {
            client.resources(JudgeProblem.class).resource(problem("problem-1")).create();
            client.resources(JudgeProblem.class).resource(problem("problem-2", Language.C, Language.CPP)).create();
            client.resources(JudgeNodePool.class).resource(pool("default", 4, null)).create();
            client.resources(JudgeNodePool.class).resource(pool("python-only", 2, null, Language.PYTHON)).create();
        }
    }

    public static JudgeProblem problem(String name, Language... languages) {
        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setTimeLimitMs(1000);
        spec.setMemoryLimitMiB(256);
        spec.setLanguages(new ArrayList<>(List.of(languages)));
        TestCase t = new TestCase("t1", 1);
        t.setInput("1 2\n");
        t.setAnswer("3\n");
        spec.setTests(new ArrayList<>(List.of(t)));
        JudgeProblem p = new JudgeProblem();
        p.setMetadata(new ObjectMetaBuilder().withName(name).build());
        p.setSpec(spec);
        return p;
    }

    public static JudgeNodePool pool(String name, int replicas, Autoscaling autoscaling, Language... languages) {
        JudgeNodePoolSpec spec = new JudgeNodePoolSpec();
        spec.setReplicas(replicas);
        spec.setAutoscaling(autoscaling);
        spec.setLanguages(new ArrayList<>(List.of(languages)));
        JudgeNodePool p = new JudgeNodePool();
        p.setMetadata(new ObjectMetaBuilder().withName(name).build());
        p.setSpec(spec);
        return p;
    }

    public static Autoscaling autoscaling(int min, int max) {
        Autoscaling a = new Autoscaling();
        a.setMinReplicas(min);
        a.setMaxReplicas(max);
        return a;
    }

    public static Map<String, Object> submitBody(long submissionId, long problemId, long userId, String language, String code) {
        remember(submissionId, userId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submission_id", submissionId);
        body.put("problem_id", problemId);
        body.put("user_id", userId);
        body.put("language", language);
        body.put("code", code);
        return body;
    }

    /** Creates a submission directly, as kubectl or a test would, without the API's rate limit. */
    public static JudgeSubmission createSubmission(KubernetesClient client, long submissionId, long userId, String pool) {
        JudgeSubmission s = submissionObject(submissionId, userId, "int main(){}");
        s.getSpec().setPool(pool);
        return client.resources(JudgeSubmission.class).resource(s).create();
    }

    /** A submission as the API would create it, not stored anywhere. */
    public static JudgeSubmission submissionObject(long submissionId, long userId, String source) {
        remember(submissionId, userId);
        JudgeSubmissionSpec spec = new JudgeSubmissionSpec();
        spec.setProblem("problem-1");
        spec.setLanguage(Language.C);
        spec.setSource(source);
        spec.setPool("default");
        spec.setUserId(Long.toString(userId));
        spec.setSubmissionId(Long.toString(submissionId));
        JudgeSubmission s = new JudgeSubmission();
        s.setMetadata(new ObjectMetaBuilder().withName("sub-" + userId + "-" + submissionId)
                .withLabels(new LinkedHashMap<>(Map.of(KubeJudge.LABEL_PROBLEM, "problem-1", KubeJudge.LABEL_USER_ID,
                        Long.toString(userId), KubeJudge.LABEL_SUBMISSION_ID, Long.toString(submissionId),
                        "kubejudge.io/problem-id", "1")))
                .build());
        s.setSpec(spec);
        return s;
    }

    /** Writes a status the way the operator does, through the status subresource. */
    public static JudgeSubmission setStatus(KubernetesClient client, long submissionId, Consumer<JudgeSubmissionStatus> change) {
        JudgeSubmission s = submission(client, submissionId);
        JudgeSubmissionStatus st = s.getStatus() != null ? s.getStatus() : new JudgeSubmissionStatus();
        change.accept(st);
        s.setStatus(st);
        return client.resources(JudgeSubmission.class).resource(s).updateStatus();
    }

    /** The live submission with this id (the name holds its user, see {@link #nameOf}); or null. */
    public static JudgeSubmission submission(KubernetesClient client, long submissionId) {
        return client.resources(JudgeSubmission.class).withName(nameOf(submissionId)).get();
    }
}
