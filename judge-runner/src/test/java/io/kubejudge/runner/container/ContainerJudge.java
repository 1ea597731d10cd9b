package io.kubejudge.runner.container;

import static io.kubejudge.runner.container.PodContainer.DATA;
import static io.kubejudge.runner.container.PodContainer.INPUTS;
import static io.kubejudge.runner.container.PodContainer.SUBMISSION;
import static io.kubejudge.runner.container.PodContainer.TERMINATION_LOG;
import static io.kubejudge.runner.container.PodContainer.WORK;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.runner.judge.Json;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.problem.ProblemLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Judges one submission the way a Job pod does: three containers of the runner image in order
 * (compile, run, check), each with the pod's security settings, sharing only the work directory.
 * The run step gets the inputs and no answers; only the check step gets the answers, except for
 * an interactive problem, whose run step also gets them for its interactor. Like init
 * containers, a step that fails (non-zero exit) ends the pod: later steps do not start.
 */
final class ContainerJudge {

    /** Generous: a step is a JVM start plus, at worst, a Java compile or a batch of slow tests. */
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

    private final String image;
    private final Path seccompProfile;

    ContainerJudge(String image, Path seccompProfile) {
        this.image = image;
        this.seccompProfile = seccompProfile;
    }

    /** What one step's container did: its exit, its output, its termination message as the kubelet would read it. */
    record Step(String name, Docker.Outcome outcome, byte[] terminationMessage, Duration took) {

        StepResult result() {
            try {
                return Json.MAPPER.readValue(terminationMessage, StepResult.class);
            } catch (IOException e) {
                throw new AssertionError("the " + name + " step's termination message is not a StepResult: "
                        + new String(terminationMessage, StandardCharsets.UTF_8) + "\n" + outcome.describe(), e);
            }
        }
    }

    record Judged(List<Step> steps) {

        Step step(String name) {
            return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("the " + name + " step did not run: " + describe()));
        }

        /** The full report the check step prints on stdout (the operator's source when the termination message was cut). */
        JudgeResult report() {
            Step check = step("check");
            try {
                return Json.MAPPER.readValue(check.outcome().stdout(), JudgeResult.class);
            } catch (IOException e) {
                throw new AssertionError("the check step's stdout is not one JudgeResult: " + describe(), e);
            }
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            for (Step s : steps) {
                sb.append("\n[").append(s.name()).append(", ").append(s.took().toMillis()).append(" ms] ")
                        .append(s.outcome().describe()).append("\n  termination message: ")
                        .append(new String(s.terminationMessage(), StandardCharsets.UTF_8));
            }
            return sb.toString();
        }
    }

    /**
     * One submission to one problem directory.
     *
     * @param stopOnFirstFailure overrides the problem's setting: the tests of slow verdicts
     *                           (time limits, fork bombs) need to see the first test's verdict only
     * @param memoryLimitMiB     overrides the problem's memory limit when not null
     */
    record Submission(Path problem, Path source, String language, boolean stopOnFirstFailure, Integer memoryLimitMiB) {
        Submission(Path problem, Path source, String language, boolean stopOnFirstFailure) {
            this(problem, source, language, stopOnFirstFailure, null);
        }
    }

    Judged judge(Submission submission) throws Exception {
        Problem problem = ProblemLoader.load(submission.problem());
        if (submission.stopOnFirstFailure()) {
            problem.spec().setStopOnFirstFailure(true);
        }
        if (submission.memoryLimitMiB() != null) {
            problem.spec().setMemoryLimitMiB(submission.memoryLimitMiB());
        }
        return judge(problem, submission.source(), submission.language());
    }

    private Judged judge(Problem problem, Path sourceFile, String language) throws Exception {
        String source = Files.readString(sourceFile, StandardCharsets.UTF_8);
        PodDirectories dirs = PodDirectories.create(problem, language, sourceFile.getFileName().toString(), source);
        try {
            String pod = "kj-test-" + UUID.randomUUID().toString().substring(0, 8);
            List<Step> steps = new ArrayList<>();
            for (String step : List.of("compile", "run", "check")) {
                Step done = runStep(pod, step, dirs, Boolean.TRUE.equals(problem.spec().getInteractive()));
                steps.add(done);
                if (!done.outcome().succeeded()) {
                    break;
                }
            }
            return new Judged(List.copyOf(steps));
        } finally {
            dirs.delete();
        }
    }

    /** @param interactive the run step also gets the data, for the interactor, as JobFactory mounts it */
    private Step runStep(String pod, String step, PodDirectories dirs, boolean interactive) throws IOException {
        Path termination = dirs.terminationLog(step);
        List<String> args = new ArrayList<>(PodContainer.runFlags(pod + "-" + step, seccompProfile.toAbsolutePath().toString()));
        args.addAll(PodContainer.readOnlyMount(dirs.submission(), SUBMISSION));
        args.addAll(PodContainer.writableMount(dirs.work(), WORK));
        args.addAll(PodContainer.writableMount(termination, TERMINATION_LOG));
        List<String> options = new ArrayList<>(List.of(step, "--submission", SUBMISSION));
        switch (step) {
            case "run" -> {
                args.addAll(PodContainer.readOnlyMount(dirs.inputs(), INPUTS));
                options.addAll(List.of("--inputs", INPUTS));
                if (interactive) {
                    args.addAll(PodContainer.readOnlyMount(dirs.data(), DATA));
                    options.addAll(List.of("--data", DATA));
                }
            }
            case "check" -> {
                args.addAll(PodContainer.readOnlyMount(dirs.data(), DATA));
                options.addAll(List.of("--data", DATA));
            }
            default -> {
                // compile sees the submission only
            }
        }
        options.addAll(List.of("--work", WORK, "--result", TERMINATION_LOG));
        args.add(image);
        args.addAll(options);
        long start = System.nanoTime();
        Docker.Outcome outcome = Docker.docker(STEP_TIMEOUT, args);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Step(step, outcome, Files.readAllBytes(termination), took);
    }
}
