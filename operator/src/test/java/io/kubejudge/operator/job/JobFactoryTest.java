package io.kubejudge.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.PodResources;
import io.kubejudge.model.v1alpha1.SeccompProfile;
import io.kubejudge.operator.Fixtures;
import io.kubejudge.operator.OperatorSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JobFactoryTest {
    private final OperatorSettings settings = OperatorSettings.builder().jobTtlSecondsAfterFinished(600).build();
    private final JobFactory factory = new JobFactory(settings);

    private JudgeNodePool hardenedPool() {
        JudgeNodePool pool = Fixtures.pool("default", 4);
        PodResources r = new PodResources();
        r.setCpu("2");
        r.setMemory("2Gi");
        r.setWorkVolume("256Mi");
        pool.getSpec().setResources(r);
        pool.getSpec().setImage("registry.local/kubejudge/judge-runner:1.2.3");
        pool.getSpec().setNodeSelector(Map.of("kubejudge.io/judge", "true"));
        pool.getSpec().setTolerations(List.of(new TolerationBuilder().withKey("judge").withOperator("Exists")
                .withEffect("NoSchedule").build()));
        pool.getSpec().setRuntimeClassName("gvisor");
        pool.getSpec().setPriorityClassName("judge-low");
        pool.getSpec().setHostUsers(false);
        SeccompProfile seccomp = new SeccompProfile();
        seccomp.setType("Localhost");
        seccomp.setLocalhostProfile("kubejudge/judge-runner.json");
        pool.getSpec().setSeccompProfile(seccomp);
        return pool;
    }

    private Job build(JudgeProblem problem) {
        JudgeSubmission s = Fixtures.submission("sub-42");
        return factory.build(s, problem.getSpec(), hardenedPool(), TestDataLayout.unknown(), 0, 2);
    }

    @Test
    void jobIsNamedByAttemptOwnedByTheSubmissionAndNeverRetriedByKubernetes() {
        JudgeSubmission s = Fixtures.submission("sub-42");
        Job job = factory.build(s, Fixtures.problem("aplusb", 3).getSpec(), hardenedPool(), TestDataLayout.unknown(), 0, 2);
        assertThat(job.getMetadata().getName()).isEqualTo("sub-42-2");
        assertThat(job.getMetadata().getNamespace()).isEqualTo(Fixtures.NS);
        var owner = job.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getKind()).isEqualTo("JudgeSubmission");
        assertThat(owner.getName()).isEqualTo("sub-42");
        assertThat(owner.getUid()).isEqualTo(s.getMetadata().getUid());
        assertThat(owner.getController()).isTrue();
        var spec = job.getSpec();
        assertThat(spec.getBackoffLimit()).isZero();
        assertThat(spec.getCompletions()).isEqualTo(1);
        assertThat(spec.getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(spec.getActiveDeadlineSeconds()).isEqualTo(JudgeDeadline.seconds(Fixtures.problem("aplusb", 3).getSpec(), Language.CPP));
        var rule = spec.getPodFailurePolicy().getRules().get(0);
        assertThat(rule.getAction()).isEqualTo("Ignore");
        assertThat(rule.getOnPodConditions()).singleElement()
                .satisfies(c -> {
                    assertThat(c.getType()).isEqualTo("DisruptionTarget");
                    assertThat(c.getStatus()).isEqualTo("True");
                });
        assertThat(job.getMetadata().getLabels()).containsEntry("kubejudge.io/pool", "default")
                .containsEntry("kubejudge.io/submission", "sub-42").containsEntry("kubejudge.io/user-id", "u1")
                .containsEntry("kubejudge.io/attempt", "2");
        assertThat(spec.getTemplate().getMetadata().getLabels()).isEqualTo(job.getMetadata().getLabels());
        // The pod, not the Job: the Job controller copies template finalizers onto the pod, which
        // then outlives the Job's TTL until the operator has read the verdict.
        assertThat(spec.getTemplate().getMetadata().getFinalizers()).containsExactly("kubejudge.io/result");
        assertThat(job.getMetadata().getFinalizers()).isNullOrEmpty();
    }

    /**
     * The pool label is on the pod itself (the API's /cluster/status selects PodMetrics by it), and
     * the pool's NetworkPolicy, its /scale selector and its ResourceQuota's scopes all match the pod.
     */
    @Test
    void judgePodsCarryTheirPoolLabelAndArePickedByThePoolsPolicyQuotaAndSelector() {
        JudgeNodePool pool = hardenedPool();
        pool.getMetadata().setName("fast");
        JudgeSubmission s = Fixtures.submission("sub-9");
        s.getSpec().setPool("fast");
        Job job = factory.build(s, Fixtures.problem("aplusb", 1).getSpec(), pool, TestDataLayout.unknown(), 0, 1);
        Map<String, String> podLabels = job.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsEntry("kubejudge.io/pool", "fast");

        var policy = io.kubejudge.operator.pool.PoolNetworkPolicyDependentResource.desired(pool);
        assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("kubejudge.io/pool", "fast");

        for (String term : io.kubejudge.operator.JudgeLabels.poolSelectorString("fast").split(",")) {
            String[] kv = term.split("=");
            assertThat(podLabels).containsEntry(kv[0], kv[1]);
        }

        // A quota cannot select by label: its scopes (Terminating, PriorityClass) must hold for the pod.
        var quota = io.kubejudge.operator.pool.PoolResourceQuotaDependentResource.desired(pool);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(quota.getSpec().getScopeSelector().getMatchExpressions()).allSatisfy(e -> {
            switch (e.getScopeName()) {
                case "Terminating" -> assertThat(pod.getActiveDeadlineSeconds()).isPositive();
                case "PriorityClass" -> assertThat(e.getValues()).containsExactly(pod.getPriorityClassName());
                default -> throw new AssertionError("unexpected quota scope " + e.getScopeName());
            }
        });
    }

    @Test
    void rejudgedJobsGetTheirOwnNamesAndLongNamesStayValidLabelValues() {
        assertThat(JobNames.job("sub", 3, 1)).isEqualTo("sub-r3-1");
        String longName = "a".repeat(120);
        String job = JobNames.job(longName, 12, 3);
        assertThat(job).hasSizeLessThanOrEqualTo(63).endsWith("-r12-3").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        assertThat(JobNames.job(longName, 12, 3)).isEqualTo(job);
        assertThat(JobNames.job("b".repeat(120), 12, 3)).isNotEqualTo(job);
    }

    @Test
    void podIsHardenedAsIssueFourLists() {
        PodSpec pod = build(Fixtures.problem("aplusb", 2)).getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getHostUsers()).isFalse();
        assertThat(pod.getRuntimeClassName()).isEqualTo("gvisor");
        assertThat(pod.getPriorityClassName()).isEqualTo("judge-low");
        assertThat(pod.getNodeSelector()).containsEntry("kubejudge.io/judge", "true");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("judge"));
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65534L);
        assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(65534L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("Localhost");
        assertThat(pod.getSecurityContext().getSeccompProfile().getLocalhostProfile()).isEqualTo("kubejudge/judge-runner.json");
        assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("compile", "run");
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("check");
        for (Container c : allContainers(pod)) {
            assertThat(c.getImage()).isEqualTo("registry.local/kubejudge/judge-runner:1.2.3");
            assertThat(c.getCommand()).containsExactly("kubejudge-runner");
            var sc = c.getSecurityContext();
            assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
            assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
            assertThat(sc.getRunAsNonRoot()).isTrue();
            assertThat(sc.getRunAsUser()).isEqualTo(65534L);
            assertThat(c.getResources().getRequests()).isEqualTo(c.getResources().getLimits());
            assertThat(c.getResources().getLimits()).containsEntry("cpu", new Quantity("2")).containsEntry("memory", new Quantity("2Gi"));
            assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
            assertThat(c.getTerminationMessagePolicy()).isEqualTo("File");
            assertThat(mountPaths(c)).contains("/work", "/tmp");
        }
        Volume work = volume(pod, "work");
        assertThat(work.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("256Mi"));
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().startsWith("tmp-"))
                .allSatisfy(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("64Mi")));
    }

    @Test
    void stepsRunTheRunnerCliContract() {
        PodSpec pod = build(Fixtures.problem("aplusb", 2)).getSpec().getTemplate().getSpec();
        assertThat(pod.getInitContainers().get(0).getArgs()).containsExactly("compile", "--submission", "/submission",
                "--work", "/work", "--result", "/dev/termination-log");
        assertThat(pod.getInitContainers().get(1).getArgs()).containsExactly("run", "--submission", "/submission",
                "--inputs", "/data/inputs", "--work", "/work", "--result", "/dev/termination-log");
        assertThat(pod.getContainers().get(0).getArgs()).containsExactly("check", "--submission", "/submission",
                "--data", "/data/tests", "--work", "/work", "--result", "/dev/termination-log");
    }

    @Test
    void theRunStepsDiskBudgetIsThreeQuartersOfThePoolsWorkVolume() {
        PodSpec pod = build(Fixtures.problem("aplusb", 2)).getSpec().getTemplate().getSpec();
        assertThat(pod.getInitContainers().get(1).getEnv())
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("KUBEJUDGE_DISK_LIMIT_MIB");
                    assertThat(e.getValue()).isEqualTo("192"); // of 256Mi
                });
        assertThat(pod.getInitContainers().get(0).getEnv()).noneMatch(e -> e.getName().equals("KUBEJUDGE_DISK_LIMIT_MIB"));
        assertThat(JobFactory.diskLimitMiB(null)).isEqualTo("384"); // the default 512Mi, the runner's own default
        PodResources big = new PodResources();
        big.setWorkVolume("2G");
        assertThat(JobFactory.diskLimitMiB(big)).isEqualTo("1430"); // 1.5e9 bytes, rounded down
        PodResources tiny = new PodResources();
        tiny.setWorkVolume("1Ki");
        assertThat(JobFactory.diskLimitMiB(tiny)).isEqualTo("1");
    }

    @Test
    void answersAreMountedOnlyIntoCheckForConfigMapData() {
        JudgeProblem problem = Fixtures.problem("big", 3, "big-data");
        PodSpec pod = build(problem).getSpec().getTemplate().getSpec();
        Container compile = pod.getInitContainers().get(0);
        Container run = pod.getInitContainers().get(1);
        Container check = pod.getContainers().get(0);
        assertThat(mountPaths(compile)).containsExactlyInAnyOrder("/submission", "/work", "/tmp");
        assertThat(mountPaths(run)).containsExactlyInAnyOrder("/submission", "/data/inputs", "/work", "/tmp");
        assertThat(mountPaths(check)).containsExactlyInAnyOrder("/submission", "/data/tests", "/work", "/tmp");
        assertThat(Stream.of(compile, run, check).flatMap(c -> c.getVolumeMounts().stream())
                .filter(m -> m.getMountPath().startsWith("/submission") || m.getMountPath().startsWith("/data")))
                .allSatisfy(m -> assertThat(m.getReadOnly()).isTrue());

        Volume inputs = volume(pod, mount(run, "/data/inputs").getName());
        var sources = inputs.getProjected().getSources();
        assertThat(sources).singleElement().satisfies(s -> {
            assertThat(s.getConfigMap().getName()).isEqualTo("big-data");
            assertThat(s.getConfigMap().getItems()).extracting(i -> i.getKey()).containsExactly("t1.in", "t2.in", "t3.in");
            assertThat(s.getConfigMap().getItems()).allSatisfy(i -> assertThat(i.getPath()).isEqualTo(i.getKey()));
        });
        Volume tests = volume(pod, mount(check, "/data/tests").getName());
        assertThat(tests.getProjected().getSources()).singleElement().satisfies(s -> {
            assertThat(s.getConfigMap().getName()).isEqualTo("big-data");
            assertThat(s.getConfigMap().getItems()).as("check gets every key: answers and checker sources").isNullOrEmpty();
        });
        assertThat(keysReachableBy(pod, compile)).noneMatch(k -> k.endsWith(".ans"));
        assertThat(keysReachableBy(pod, run)).noneMatch(k -> k.endsWith(".ans"));
    }

    @Test
    void anInteractiveProblemsRunStepAlsoGetsTheDataForItsInteractor() {
        JudgeProblem problem = Fixtures.problem("guess", 2, "guess-data");
        problem.getSpec().setInteractive(true);
        PodSpec pod = build(problem).getSpec().getTemplate().getSpec();
        Container run = pod.getInitContainers().get(1);
        assertThat(run.getArgs()).containsExactly("run", "--submission", "/submission", "--inputs", "/data/inputs",
                "--data", "/data/tests", "--work", "/work", "--result", "/dev/termination-log");
        assertThat(mountPaths(run)).containsExactlyInAnyOrder("/submission", "/data/inputs", "/data/tests", "/work", "/tmp");
        assertThat(mount(run, "/data/tests").getReadOnly()).isTrue();
        assertThat(mount(run, "/data/tests").getName()).isEqualTo(mount(pod.getContainers().get(0), "/data/tests").getName());
        // compile never sees the data, interactive or not
        assertThat(keysReachableBy(pod, pod.getInitContainers().get(0))).noneMatch(k -> k.endsWith(".ans") || k.endsWith(".in"));
    }

    @Test
    void inlineAnswersNeverReachCompileOrRunEvenThroughProblemJson() throws Exception {
        JudgeProblem problem = Fixtures.problem("tiny", 2);
        JudgeSubmission s = Fixtures.submission("sub-7");
        PodSpec pod = factory.build(s, problem.getSpec(), hardenedPool(), TestDataLayout.unknown(), 0, 1)
                .getSpec().getTemplate().getSpec();
        ConfigMap cm = SourceConfigMapFactory.build(s, problem.getSpec(), "sub-7-1", 1);

        assertThat(cm.getMetadata().getName()).isEqualTo("sub-7-1");
        assertThat(cm.getData()).containsKeys("problem.json", "submission.json", "main.cpp", "t1.in", "t1.ans", "t2.in", "t2.ans");
        assertThat(cm.getData().get("main.cpp")).isEqualTo("int main(){}");
        assertThat(cm.getData().get("submission.json")).isEqualTo("{\"language\":\"cpp\",\"fileName\":\"main.cpp\"}");
        String problemJson = cm.getData().get("problem.json");
        assertThat(problemJson).doesNotContain("\"answer\"").doesNotContain("\"input\"").doesNotContain("2\\n")
                .contains("\"dataConfigMaps\":[\"sub-7-1\"]").contains("\"timeLimitMs\":1000");
        assertThat(cm.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(s.getMetadata().getUid());

        Container compile = pod.getInitContainers().get(0);
        Container run = pod.getInitContainers().get(1);
        assertThat(keysReachableBy(pod, compile)).containsExactlyInAnyOrder("problem.json", "submission.json", "main.cpp");
        assertThat(keysReachableBy(pod, run)).containsExactlyInAnyOrder("problem.json", "submission.json", "main.cpp", "t1.in", "t2.in");
        assertThat(keysReachableBy(pod, pod.getContainers().get(0))).contains("t1.ans", "t2.ans", "t1.in");
    }

    @Test
    void knownLayoutListsEachInputInItsConfigMapAndUnknownLayoutFallsBackToOptionalItems() {
        JudgeProblem problem = Fixtures.problem("split", 3, "split-a", "split-b");
        JudgeSubmission s = Fixtures.submission("sub-9");
        TestDataLayout layout = new TestDataLayout(Map.of("t1", "split-a", "t2", "split-b", "t3", "split-b"));
        PodSpec known = factory.build(s, problem.getSpec(), hardenedPool(), layout, 0, 1).getSpec().getTemplate().getSpec();
        var knownSources = volume(known, "inputs").getProjected().getSources();
        assertThat(knownSources).hasSize(2);
        assertThat(knownSources.get(0).getConfigMap().getItems()).extracting(i -> i.getKey()).containsExactly("t1.in");
        assertThat(knownSources.get(1).getConfigMap().getItems()).extracting(i -> i.getKey()).containsExactly("t2.in", "t3.in");
        assertThat(knownSources).allSatisfy(p -> assertThat(p.getConfigMap().getOptional()).isNull());

        PodSpec unknown = factory.build(s, problem.getSpec(), hardenedPool(), TestDataLayout.unknown(), 0, 1).getSpec().getTemplate().getSpec();
        var unknownSources = volume(unknown, "inputs").getProjected().getSources();
        assertThat(unknownSources).hasSize(2).allSatisfy(p -> {
            assertThat(p.getConfigMap().getOptional()).isTrue();
            assertThat(p.getConfigMap().getItems()).extracting(i -> i.getKey()).containsExactly("t1.in", "t2.in", "t3.in");
        });
    }

    @Test
    void builtPodMeetsPodSecurityStandardsRestricted() {
        for (JudgeNodePool pool : List.of(hardenedPool(), Fixtures.pool("plain", 1))) {
            Job job = factory.build(Fixtures.submission("s"), Fixtures.problem("p", 1).getSpec(), pool, TestDataLayout.unknown(), 0, 1);
            assertThat(RestrictedPodSecurity.violations(job.getSpec().getTemplate().getSpec())).isEmpty();
        }
    }

    @Test
    void deadlineGrowsWithTestsAndTimeLimitButIsCapped() {
        JudgeProblem small = Fixtures.problem("p", 1);
        JudgeProblem many = Fixtures.problem("p", 100);
        assertThat(JudgeDeadline.seconds(many.getSpec(), Language.C)).isGreaterThan(JudgeDeadline.seconds(small.getSpec(), Language.C));
        many.getSpec().setTimeLimitMs(60000);
        assertThat(JudgeDeadline.seconds(many.getSpec(), Language.PYTHON)).isEqualTo(JudgeDeadline.MAX_SECONDS);
        // one 1 s test, python default multiplier 3: 180 + 2 * (2 * 3 s + 1 s) = 194 s
        assertThat(JudgeDeadline.seconds(small.getSpec(), Language.PYTHON)).isEqualTo(194);
    }

    static List<Container> allContainers(PodSpec pod) {
        return Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList();
    }

    static Set<String> mountPaths(Container c) {
        return c.getVolumeMounts().stream().map(VolumeMount::getMountPath).collect(Collectors.toSet());
    }

    static VolumeMount mount(Container c, String path) {
        return c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst().orElseThrow();
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    /** ConfigMap keys a container can read through its ConfigMap and projected mounts (null items = whole map, "*"). */
    static Set<String> keysReachableBy(PodSpec pod, Container c) {
        return c.getVolumeMounts().stream().map(m -> volume(pod, m.getName())).flatMap(v -> {
            if (v.getConfigMap() != null) {
                return v.getConfigMap().getItems() == null ? Stream.of("*") : v.getConfigMap().getItems().stream().map(i -> i.getKey());
            }
            if (v.getProjected() != null) {
                return v.getProjected().getSources().stream().flatMap(s -> s.getConfigMap().getItems() == null
                        ? Stream.of("*:" + s.getConfigMap().getName())
                        : s.getConfigMap().getItems().stream().map(i -> i.getKey()));
            }
            return Stream.empty();
        }).collect(Collectors.toSet());
    }
}
