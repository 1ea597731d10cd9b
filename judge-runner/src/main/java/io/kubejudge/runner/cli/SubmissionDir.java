package io.kubejudge.runner.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.runner.judge.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The submission as the pod steps receive it (the operator mounts it from a ConfigMap):
 *
 * <pre>
 * problem.json       the JudgeProblem's spec, as JSON (limits, checker, tests)
 * submission.json    {"language": "cpp", "fileName": "main.cpp", "problem": "aplusb"}
 *                    language: a language id (Language); fileName: the source's key in this
 *                    directory (plain name, no '/'); problem: the JudgeProblem's name (optional,
 *                    for reports)
 * &lt;fileName&gt;         the source
 * </pre>
 *
 * The name the source is compiled as is the runner's choice (Java: the public class's name), not
 * fileName's.
 */
record SubmissionDir(JudgeProblemSpec spec, Language language, String source, String problemName) {

    static final String PROBLEM_FILE = "problem.json";
    static final String SUBMISSION_FILE = "submission.json";
    static final java.util.regex.Pattern TEST_NAME = java.util.regex.Pattern.compile("^[a-zA-Z0-9][-_.a-zA-Z0-9]{0,62}$");

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Manifest(String language, String fileName, String problem) {
    }

    static SubmissionDir load(Path dir) throws CliException {
        JudgeProblemSpec spec = read(dir.resolve(PROBLEM_FILE), JudgeProblemSpec.class);
        if (spec.getTimeLimitMs() == null || spec.getMemoryLimitMiB() == null || spec.getTests() == null || spec.getTests().isEmpty()) {
            throw CliException.usage(dir.resolve(PROBLEM_FILE) + ": timeLimitMs, memoryLimitMiB and tests are required");
        }
        for (var test : spec.getTests()) {
            // Test names become file names in the work directory: nothing but the CRD's pattern.
            if (test.getName() == null || !TEST_NAME.matcher(test.getName()).matches()) {
                throw CliException.usage(dir.resolve(PROBLEM_FILE) + ": test name '" + test.getName() + "' does not match " + TEST_NAME.pattern());
            }
        }
        Manifest m = read(dir.resolve(SUBMISSION_FILE), Manifest.class);
        if (m.language() == null) {
            throw CliException.usage(dir.resolve(SUBMISSION_FILE) + ": 'language' is missing");
        }
        Language language;
        try {
            language = Language.fromId(m.language());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(dir.resolve(SUBMISSION_FILE) + ": " + e.getMessage());
        }
        if (m.fileName() == null || m.fileName().isBlank() || m.fileName().contains("/") || m.fileName().startsWith(".")) {
            throw CliException.usage(dir.resolve(SUBMISSION_FILE) + ": 'fileName' must be a plain file name in " + dir + ", not '" + m.fileName() + "'");
        }
        Path source = dir.resolve(m.fileName());
        try {
            return new SubmissionDir(spec, language, new String(Files.readAllBytes(source), StandardCharsets.UTF_8),
                    m.problem() == null ? "problem" : m.problem());
        } catch (IOException e) {
            throw CliException.usage("cannot read the source " + source + ": " + e.getMessage());
        }
    }

    private static <T> T read(Path file, Class<T> type) throws CliException {
        if (!Files.isRegularFile(file)) {
            throw CliException.usage(file + " is missing");
        }
        try {
            return Json.readFile(file, type);
        } catch (IOException e) {
            throw CliException.usage(file + " is not valid: " + e.getMessage());
        }
    }
}
