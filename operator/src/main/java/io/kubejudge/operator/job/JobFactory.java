package io.kubejudge.operator.job;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapProjection;
import io.fabric8.kubernetes.api.model.ConfigMapProjectionBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.kubejudge.model.v1alpha1.JudgeNodePool;
import io.kubejudge.model.v1alpha1.JudgeNodePoolSpec;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import io.kubejudge.model.v1alpha1.PodResources;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.operator.JudgeLabels;
import io.kubejudge.operator.OperatorSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one place that builds a judge Job and its pod. The pod runs the judge-runner's three steps:
 * init container {@code compile} (untrusted compiler), init container {@code run} (the untrusted
 * program, with the test inputs only) and container {@code check} (trusted: has the answers).
 * Each writes a StepResult JSON to its termination message.
 */
public final class JobFactory {
    public static final int RUNNER_UID = 65534;
    public static final String RUNNER_COMMAND = "kubejudge-runner";
    public static final String TERMINATION_LOG = "/dev/termination-log";
    /** The runner's budget for all outputs and the scratch directory together, in MiB (run step). */
    static final String DISK_LIMIT_ENV = "KUBEJUDGE_DISK_LIMIT_MIB";
    public static final String COMPILE = "compile";
    public static final String RUN = "run";
    public static final String CHECK = "check";

    static final String SUBMISSION_DIR = "/submission";
    static final String WORK_DIR = "/work";
    static final String INPUTS_DIR = "/data/inputs";
    static final String TESTS_DIR = "/data/tests";

    private static final String SUBMISSION_VOLUME = "submission";
    private static final String WORK_VOLUME = "work";
    private static final String INPUTS_VOLUME = "inputs";
    private static final String TESTS_VOLUME = "tests";

    private final OperatorSettings settings;

    public JobFactory(OperatorSettings settings) {
        this.settings = settings;
    }

    /**
     * An interactive problem's run step also runs the interactor, which reads the test data: the
     * data is mounted here too, where only the interactor may read it (the program's Landlock
     * rules do not cover {@code /data}; docs/interactive.md).
     */
    private Container interactiveRun(JudgeNodePoolSpec poolSpec, ResourceRequirements resources) {
        return step(RUN, poolSpec, resources,
                List.of(RUN, "--submission", SUBMISSION_DIR, "--inputs", INPUTS_DIR, "--data", TESTS_DIR, "--work", WORK_DIR,
                        "--result", TERMINATION_LOG),
                List.of(readOnly(SUBMISSION_VOLUME, SUBMISSION_DIR), readOnly(INPUTS_VOLUME, INPUTS_DIR),
                        readOnly(TESTS_VOLUME, TESTS_DIR)));
    }

    public Job build(JudgeSubmission submission, JudgeProblemSpec problem, JudgeNodePool pool,
                     TestDataLayout layout, int rejudge, int attempt) {
        String jobName = JobNames.job(submission.getMetadata().getName(), rejudge, attempt);
        String sourceConfigMap = JobNames.sourceConfigMap(jobName);
        JudgeNodePoolSpec poolSpec = pool.getSpec();
        Map<String, String> labels = JudgeLabels.forJudging(submission, attempt);
        long deadline = JudgeDeadline.seconds(problem, submission.getSpec().getLanguage());
        ResourceRequirements resources = resources(poolSpec.getResources());

        Container compile = step(COMPILE, poolSpec, resources,
                List.of(COMPILE, "--submission", SUBMISSION_DIR, "--work", WORK_DIR, "--result", TERMINATION_LOG),
                List.of(readOnly(SUBMISSION_VOLUME, SUBMISSION_DIR)));
        Container run = Boolean.TRUE.equals(problem.getInteractive()) ? interactiveRun(poolSpec, resources)
                : step(RUN, poolSpec, resources,
                List.of(RUN, "--submission", SUBMISSION_DIR, "--inputs", INPUTS_DIR, "--work", WORK_DIR,
                        "--result", TERMINATION_LOG),
                List.of(readOnly(SUBMISSION_VOLUME, SUBMISSION_DIR), readOnly(INPUTS_VOLUME, INPUTS_DIR)));
        run.getEnv().add(new EnvVar(DISK_LIMIT_ENV, diskLimitMiB(poolSpec.getResources()), null));
        Container check = step(CHECK, poolSpec, resources,
                List.of(CHECK, "--submission", SUBMISSION_DIR, "--data", TESTS_DIR, "--work", WORK_DIR,
                        "--result", TERMINATION_LOG),
                List.of(readOnly(SUBMISSION_VOLUME, SUBMISSION_DIR), readOnly(TESTS_VOLUME, TESTS_DIR)));

        List<Volume> volumes = new ArrayList<>();
        volumes.add(submissionVolume(sourceConfigMap, submission));
        volumes.add(new VolumeBuilder().withName(WORK_VOLUME).withNewEmptyDir()
                .withSizeLimit(new Quantity(workVolumeSize(poolSpec.getResources()))).endEmptyDir().build());
        for (String step : List.of(COMPILE, RUN, CHECK)) {
            volumes.add(new VolumeBuilder().withName(tmpVolume(step)).withNewEmptyDir()
                    .withSizeLimit(new Quantity(settings.tmpVolumeSize())).endEmptyDir().build());
        }
        volumes.add(projected(INPUTS_VOLUME, inputProjections(problem, layout, sourceConfigMap)));
        volumes.add(projected(TESTS_VOLUME, dataProjections(problem, sourceConfigMap)));

        // Plain constructors and setters: every nesting level of a fabric8 builder deep-copies what
        // it is given, and building the Job was a large share of an admission's CPU time.
        PodSpec pod = new PodSpec();
        pod.setRestartPolicy("Never");
        pod.setActiveDeadlineSeconds(deadline);
        pod.setAutomountServiceAccountToken(false);
        pod.setEnableServiceLinks(false);
        pod.setHostUsers(poolSpec.getHostUsers());
        pod.setSecurityContext(podSecurityContext(poolSpec));
        pod.setInitContainers(new ArrayList<>(List.of(compile, run)));
        pod.setContainers(new ArrayList<>(List.of(check)));
        pod.setVolumes(volumes);
        pod.setNodeSelector(poolSpec.getNodeSelector().isEmpty() ? null : new LinkedHashMap<>(poolSpec.getNodeSelector()));
        pod.setTolerations(poolSpec.getTolerations().isEmpty() ? null
                : poolSpec.getTolerations().stream().map(t -> new TolerationBuilder(t).build()).collect(Collectors.toList()));
        pod.setAffinity(poolSpec.getAffinity() == null ? null : new AffinityBuilder(poolSpec.getAffinity()).build());
        pod.setRuntimeClassName(poolSpec.getRuntimeClassName());
        pod.setPriorityClassName(poolSpec.getPriorityClassName());

        ObjectMeta podMeta = new ObjectMeta();
        podMeta.setLabels(new LinkedHashMap<>(labels));
        // The pod outlives its Job's TTL until its verdict is recorded (PodFinalizer).
        podMeta.setFinalizers(new ArrayList<>(List.of(PodFinalizer.NAME)));

        // A pod lost to its node, an eviction or a preemption says nothing about the program:
        // it must not count as the Job's failure (the operator re-runs it as the next attempt).
        PodFailurePolicyOnPodConditionsPattern disrupted = new PodFailurePolicyOnPodConditionsPattern();
        disrupted.setType("DisruptionTarget");
        disrupted.setStatus("True");
        PodFailurePolicyRule ignoreDisruptions = new PodFailurePolicyRule();
        ignoreDisruptions.setAction("Ignore");
        ignoreDisruptions.setOnPodConditions(new ArrayList<>(List.of(disrupted)));

        JobSpec spec = new JobSpec();
        spec.setParallelism(1);
        spec.setCompletions(1);
        spec.setBackoffLimit(0);
        spec.setActiveDeadlineSeconds(deadline);
        spec.setTtlSecondsAfterFinished(settings.jobTtlSecondsAfterFinished());
        spec.setPodFailurePolicy(new PodFailurePolicy(new ArrayList<>(List.of(ignoreDisruptions))));
        spec.setTemplate(new PodTemplateSpec(podMeta, pod));

        ObjectMeta meta = new ObjectMeta();
        meta.setName(jobName);
        meta.setNamespace(submission.getMetadata().getNamespace());
        meta.setLabels(new LinkedHashMap<>(labels));
        meta.setOwnerReferences(new ArrayList<>(List.of(SourceConfigMapFactory.ownerReference(submission))));
        Job job = new Job();
        job.setMetadata(meta);
        job.setSpec(spec);
        return job;
    }

    private Container step(String name, JudgeNodePoolSpec pool, ResourceRequirements resources, List<String> args,
                           List<VolumeMount> dataMounts) {
        List<VolumeMount> mounts = new ArrayList<>(dataMounts);
        mounts.add(new VolumeMountBuilder().withName(WORK_VOLUME).withMountPath(WORK_DIR).build());
        mounts.add(new VolumeMountBuilder().withName(tmpVolume(name)).withMountPath("/tmp").build());
        // Plain setters, no builder: a builder deep-copies every object it is given.
        Container c = new Container();
        c.setName(name);
        c.setImage(pool.getImage());
        c.setImagePullPolicy(pool.getImagePullPolicy());
        c.setCommand(new ArrayList<>(List.of(RUNNER_COMMAND)));
        c.setArgs(new ArrayList<>(args));
        // The root filesystem is read-only: every tool that wants a home or a cache gets /tmp.
        c.setEnv(new ArrayList<>(List.of(new EnvVar("HOME", "/tmp", null), new EnvVar("XDG_CACHE_HOME", "/tmp", null),
                new EnvVar("TMPDIR", "/tmp", null))));
        c.setResources(new ResourceRequirementsBuilder(resources).build());
        c.setSecurityContext(containerSecurityContext());
        c.setTerminationMessagePath(TERMINATION_LOG);
        c.setTerminationMessagePolicy("File");
        c.setVolumeMounts(mounts);
        return c;
    }

    private static VolumeMount readOnly(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build();
    }

    private static String tmpVolume(String step) {
        return "tmp-" + step;
    }

    /** Only the three files the steps need: inline test data, also in this ConfigMap, stays out of reach. */
    private static Volume submissionVolume(String configMap, JudgeSubmission submission) {
        String fileName = SourceFiles.fileName(submission.getSpec().getLanguage());
        return new VolumeBuilder().withName(SUBMISSION_VOLUME)
                .withNewConfigMap()
                    .withName(configMap)
                    .withDefaultMode(0444)
                    .withItems(item(SourceConfigMapFactory.PROBLEM_KEY), item(SourceConfigMapFactory.SUBMISSION_KEY),
                            item(fileName))
                .endConfigMap()
                .build();
    }

    private static List<VolumeProjection> inputProjections(JudgeProblemSpec problem, TestDataLayout layout,
                                                          String sourceConfigMap) {
        Map<String, List<KeyToPath>> itemsByConfigMap = new LinkedHashMap<>();
        boolean guess = false;
        for (TestCase test : problem.getTests()) {
            String key = test.getName() + ".in";
            if (test.getInput() != null) {
                itemsByConfigMap.computeIfAbsent(sourceConfigMap, k -> new ArrayList<>()).add(item(key));
            } else if (layout.configMapOf(test.getName()).isPresent()) {
                itemsByConfigMap.computeIfAbsent(layout.configMapOf(test.getName()).get(), k -> new ArrayList<>())
                        .add(item(key));
            } else if (problem.getDataConfigMaps().size() == 1) {
                itemsByConfigMap.computeIfAbsent(problem.getDataConfigMaps().get(0), k -> new ArrayList<>()).add(item(key));
            } else {
                guess = true;
                for (String cm : problem.getDataConfigMaps()) {
                    itemsByConfigMap.computeIfAbsent(cm, k -> new ArrayList<>()).add(item(key));
                }
            }
        }
        boolean optional = guess;
        List<VolumeProjection> projections = new ArrayList<>();
        itemsByConfigMap.forEach((cm, items) -> projections.add(new VolumeProjectionBuilder()
                .withConfigMap(new ConfigMapProjectionBuilder().withName(cm).withItems(items)
                        .withOptional(optional && !cm.equals(sourceConfigMap) ? Boolean.TRUE : null).build())
                .build()));
        return projections;
    }

    private static List<VolumeProjection> dataProjections(JudgeProblemSpec problem, String sourceConfigMap) {
        List<VolumeProjection> projections = new ArrayList<>();
        for (String cm : problem.getDataConfigMaps()) {
            projections.add(new VolumeProjectionBuilder().withConfigMap(new ConfigMapProjection(null, cm, null)).build());
        }
        List<KeyToPath> inline = new ArrayList<>();
        for (TestCase test : SourceConfigMapFactory.inlineTests(problem)) {
            if (test.getInput() != null) {
                inline.add(item(test.getName() + ".in"));
            }
            if (test.getAnswer() != null) {
                inline.add(item(test.getName() + ".ans"));
            }
        }
        if (!inline.isEmpty()) {
            projections.add(new VolumeProjectionBuilder()
                    .withConfigMap(new ConfigMapProjectionBuilder().withName(sourceConfigMap).withItems(inline).build())
                    .build());
        }
        return projections;
    }

    private static Volume projected(String name, List<VolumeProjection> sources) {
        return new VolumeBuilder().withName(name)
                .withNewProjected().withDefaultMode(0444).withSources(sources).endProjected()
                .build();
    }

    private static KeyToPath item(String key) {
        return new KeyToPath(key, null, key);
    }

    /** Requests equal limits, so judge pods are Guaranteed and timings are not disturbed by neighbours. */
    private static ResourceRequirements resources(PodResources resources) {
        PodResources r = resources == null ? new PodResources() : resources;
        // Ordered: render-job prints the same YAML every time (Map.of's order changes from run to run).
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        amounts.put("cpu", new Quantity(r.getCpu()));
        amounts.put("memory", new Quantity(r.getMemory()));
        return new ResourceRequirementsBuilder().withRequests(amounts).withLimits(amounts).build();
    }

    private static String workVolumeSize(PodResources resources) {
        return (resources == null ? new PodResources() : resources).getWorkVolume();
    }

    /**
     * Three quarters of the work volume; the build, the source and the step reports share the rest.
     * Past the volume's sizeLimit the kubelet evicts the pod, so a program filling the disk would
     * end as a node fault and a retry rather than as OutputLimitExceeded.
     */
    static String diskLimitMiB(PodResources resources) {
        BigDecimal bytes = Quantity.getAmountInBytes(new Quantity(workVolumeSize(resources)));
        long mib = bytes.multiply(BigDecimal.valueOf(3)).divide(BigDecimal.valueOf(4L << 20), RoundingMode.FLOOR).longValue();
        return String.valueOf(Math.max(1, mib));
    }

    private static PodSecurityContext podSecurityContext(JudgeNodePoolSpec pool) {
        var seccomp = pool.getSeccompProfile() == null ? new io.kubejudge.model.v1alpha1.SeccompProfile() : pool.getSeccompProfile();
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser((long) RUNNER_UID)
                .withRunAsGroup((long) RUNNER_UID)
                .withFsGroup((long) RUNNER_UID)
                .withSeccompProfile(new SeccompProfileBuilder()
                        .withType(seccomp.getType())
                        .withLocalhostProfile(seccomp.getLocalhostProfile())
                        .build())
                .build();
    }

    private static SecurityContext containerSecurityContext() {
        Capabilities none = new CapabilitiesBuilder().withDrop("ALL").build();
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withCapabilities(none)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withRunAsUser((long) RUNNER_UID)
                .withRunAsGroup((long) RUNNER_UID)
                .build();
    }
}
