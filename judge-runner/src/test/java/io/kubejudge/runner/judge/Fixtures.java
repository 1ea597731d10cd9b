package io.kubejudge.runner.judge;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.LanguageLimits;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Problems made in a test's temporary directory, judged through the real steps. */
public final class Fixtures {

    private static Steps steps;

    private Fixtures() {
    }

    public static synchronized Steps steps() {
        if (steps == null) {
            steps = Steps.forThisMachine();
        }
        return steps;
    }

    /** A problem being written: tests as (name, input, answer), judged in insertion order. */
    public static final class ProblemBuilder {
        private final Map<String, String[]> tests = new LinkedHashMap<>();
        private int timeLimitMs = 1000;
        private int memoryLimitMiB = 64;
        private int outputLimitMiB = 64;
        private boolean stopOnFirstFailure;
        private final List<LanguageLimits> languageLimits = new ArrayList<>();

        public ProblemBuilder test(String name, String input, String answer) {
            tests.put(name, new String[] {input, answer});
            return this;
        }

        public ProblemBuilder timeLimitMs(int ms) {
            timeLimitMs = ms;
            return this;
        }

        public ProblemBuilder memoryLimitMiB(int mib) {
            memoryLimitMiB = mib;
            return this;
        }

        public ProblemBuilder outputLimitMiB(int mib) {
            outputLimitMiB = mib;
            return this;
        }

        public ProblemBuilder stopOnFirstFailure() {
            stopOnFirstFailure = true;
            return this;
        }

        public ProblemBuilder multipliers(Language language, double time, double memory) {
            LanguageLimits l = new LanguageLimits();
            l.setLanguage(language);
            l.setTimeMultiplier(time);
            l.setMemoryMultiplier(memory);
            languageLimits.add(l);
            return this;
        }

        /** Writes the data to {@code <dir>/data} and returns the problem (the default tokens checker). */
        public Problem build(Path dir) throws IOException {
            Path data = Files.createDirectories(dir.resolve("data"));
            JudgeProblemSpec spec = new JudgeProblemSpec();
            spec.setTimeLimitMs(timeLimitMs);
            spec.setMemoryLimitMiB(memoryLimitMiB);
            spec.setOutputLimitMiB(outputLimitMiB);
            spec.setStopOnFirstFailure(stopOnFirstFailure);
            spec.setLanguageLimits(languageLimits);
            List<TestCase> cases = new ArrayList<>();
            for (Map.Entry<String, String[]> t : tests.entrySet()) {
                cases.add(new TestCase(t.getKey(), 1.0));
                Files.writeString(data.resolve(t.getKey() + ".in"), t.getValue()[0], StandardCharsets.UTF_8);
                Files.writeString(data.resolve(t.getKey() + ".ans"), t.getValue()[1], StandardCharsets.UTF_8);
            }
            spec.setTests(cases);
            return new Problem("test-problem", spec, data, null);
        }
    }

    public static ProblemBuilder problem() {
        return new ProblemBuilder();
    }

    public static JudgeResult judge(Problem problem, Language language, String source) throws IOException, SandboxException {
        return new LocalJudge(steps(), "test").judge(problem, language, source, false).result();
    }

    public static TestResult test(JudgeResult result, String name) {
        return result.tests().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for test " + name + " in " + Json.write(result)));
    }

    /** Processes of the given uid still alive (in this PID namespace when contained). */
    public static List<String> processesOf(int uid) throws IOException {
        List<String> found = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("Uid:") && Integer.parseInt(line.split("\\s+")[1]) == uid) {
                            found.add(p.getFileName() + " " + Files.readString(p.resolve("comm")).strip());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        }
        return found;
    }
}
