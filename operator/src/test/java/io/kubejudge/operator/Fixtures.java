package io.kubejudge.operator;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeNodePoolSpec;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.JudgeSubmissionSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small valid resources for tests; each test changes what it is about. */
public final class Fixtures {
    public static final String NS = "judge";

    private Fixtures() {
    }

    public static JudgeSubmission submission(String name, String problem, Language language, String source) {
        JudgeSubmission s = new JudgeSubmission();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withUid(UUID.randomUUID().toString()).build());
        JudgeSubmissionSpec spec = new JudgeSubmissionSpec();
        spec.setProblem(problem);
        spec.setLanguage(language);
        spec.setSource(source);
        spec.setUserId("u1");
        spec.setSubmissionId("1001");
        s.setSpec(spec);
        return s;
    }

    public static JudgeSubmission submission(String name) {
        return submission(name, "aplusb", Language.CPP, "int main(){}");
    }

    /** A problem whose tests live in the given data ConfigMaps (none: inline tests). */
    public static JudgeProblem problem(String name, int tests, String... dataConfigMaps) {
        JudgeProblem p = new JudgeProblem();
        p.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withUid(UUID.randomUUID().toString()).build());
        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setTimeLimitMs(1000);
        spec.setMemoryLimitMiB(256);
        List<TestCase> list = new ArrayList<>();
        for (int i = 1; i <= tests; i++) {
            TestCase t = new TestCase("t" + i, 1.0);
            if (dataConfigMaps.length == 0) {
                t.setInput(i + " " + i + "\n");
                t.setAnswer((2 * i) + "\n");
            }
            list.add(t);
        }
        spec.setTests(list);
        spec.setDataConfigMaps(new ArrayList<>(List.of(dataConfigMaps)));
        p.setSpec(spec);
        return p;
    }

    public static JudgeNodePool pool(String name, int replicas) {
        JudgeNodePool p = new JudgeNodePool();
        p.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).withUid(UUID.randomUUID().toString()).build());
        JudgeNodePoolSpec spec = new JudgeNodePoolSpec();
        spec.setReplicas(replicas);
        p.setSpec(spec);
        return p;
    }
}
