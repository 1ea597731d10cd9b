package io.kubejudge.runner.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a problem directory in either format: KubeJudge's own ({@code problem.yaml} holding the
 * JudgeProblem spec, tests in {@code tests/}) or an ICPC/Kattis package ({@code data/sample},
 * {@code data/secret}). The format is told by problem.yaml's keys and the directories present.
 *
 * <p>The returned problem's spec is the one the JudgeProblem resource will carry: limits,
 * checker, tests with points and groups, no inline data; a checker or validator program is
 * named by {@code checker.program.configMapKey} and found locally at {@link Problem#checkerSource()}.
 * {@link Problem#dataDir()} holds {@code <test>.in} and {@code <test>.ans} for every test; its
 * entries may be symbolic links to the files in the problem directory.
 */
public final class ProblemLoader {

    private ProblemLoader() {
    }

    public static Problem load(Path dir) throws ProblemException {
        if (!Files.isDirectory(dir)) {
            throw new ProblemException(dir + ": not a directory (expected a problem directory with problem.yaml)");
        }
        Path yamlFile = dir.resolve(KubeJudgeFormat.PROBLEM_YAML);
        JsonNode yaml = ProblemFiles.readYaml(yamlFile, dir);
        if (KubeJudgeFormat.recognizes(yaml, dir)) {
            if (!Files.isRegularFile(yamlFile)) {
                throw new ProblemException(dir + ": missing problem.yaml (timeLimitMs, memoryLimitMiB, ...)");
            }
            return KubeJudgeFormat.read(dir, yaml);
        }
        if (Files.isDirectory(dir.resolve("data"))) {
            return KattisPackage.read(dir, yaml);
        }
        throw new ProblemException(dir + ": neither a KubeJudge problem (problem.yaml with timeLimitMs and a tests/ directory)"
                + " nor an ICPC/Kattis package (a data/ directory with sample/ and secret/)");
    }
}
