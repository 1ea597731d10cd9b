package io.kubejudge.runner.problem;

import io.kubejudge.model.checker.CheckerType;
import io.kubejudge.model.checker.CheckerTypes;
import io.kubejudge.model.problem.ProblemSpecRules;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.CheckerProgram;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * KubeJudge's own problem directory:
 * <pre>
 * problem.yaml    a JudgeProblemSpec in YAML (the CRD's fields) plus an optional 'name'
 * tests/          &lt;test&gt;.in and &lt;test&gt;.ans
 * checker/        the special checker's source (or checker.program.fileName in the problem dir)
 * </pre>
 * When {@code tests} is absent from problem.yaml, every {@code tests/<name>.in} with its
 * {@code .ans} is a test worth 1 point, in natural order ({@code 2} before {@code 10}). A listed
 * test takes its data from inline {@code input}/{@code answer} or from its files, not both.
 */
final class KubeJudgeFormat {

    static final String PROBLEM_YAML = "problem.yaml";
    static final String TESTS_DIR = "tests";
    static final String CHECKER_DIR = "checker";

    private KubeJudgeFormat() {
    }

    /** Whether {@code yaml} (problem.yaml's content) is written in this format rather than Kattis'. */
    static boolean recognizes(JsonNode yaml, Path dir) {
        return yaml.has("timeLimitMs") || yaml.has("memoryLimitMiB") || yaml.has("tests") || yaml.has("checker")
                || Files.isDirectory(dir.resolve(TESTS_DIR));
    }

    static Problem read(Path dir, JsonNode yaml) throws ProblemException {
        ObjectNode node = yaml.isObject() ? ((ObjectNode) yaml).deepCopy() : ProblemFiles.YAML.createObjectNode();
        String name = nameOf(dir, node.remove("name"));
        if (node.has("dataConfigMaps")) {
            throw new ProblemException(PROBLEM_YAML + ": dataConfigMaps is filled in by `kubejudge problem`; leave it out");
        }
        boolean listsTests = node.has("tests");
        JudgeProblemSpec spec = parseSpec(node);
        Path testsDir = dir.resolve(TESTS_DIR);
        Map<String, TestData> data = listsTests ? listedTestData(spec, testsDir) : discoverTests(spec, testsDir);
        Path checkerSource = resolveChecker(dir, spec.getChecker());
        ProblemException.throwIfAny(PROBLEM_YAML, ProblemSpecRules.errors(spec, ""));
        Path dataDir = dataDirectory(testsDir, data);
        return new Problem(name, spec, dataDir, checkerSource);
    }

    private static String nameOf(Path dir, JsonNode nameNode) throws ProblemException {
        if (nameNode == null || nameNode.isNull()) {
            return ProblemNames.fromDirectory(dir);
        }
        if (!nameNode.isTextual()) {
            throw new ProblemException(PROBLEM_YAML + ": name must be a string (the resource name, e.g. aplusb)");
        }
        ProblemNames.validate(nameNode.asText(), PROBLEM_YAML);
        return nameNode.asText();
    }

    private static JudgeProblemSpec parseSpec(ObjectNode node) throws ProblemException {
        try {
            JudgeProblemSpec spec = ProblemFiles.YAML.treeToValue(node, JudgeProblemSpec.class);
            if (spec.getTests() == null) {
                spec.setTests(new ArrayList<>());
            }
            return spec;
        } catch (JsonMappingException e) {
            throw new ProblemException(PROBLEM_YAML + ": field '" + fieldPath(e) + "': "
                    + ProblemFiles.firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ProblemException(PROBLEM_YAML + ": " + ProblemFiles.firstLine(e.getMessage()), e);
        }
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    /** Where one test's data comes from: a file, or inline text from problem.yaml. */
    private record TestData(Path inputFile, String inputText, Path answerFile, String answerText) {
        boolean allInTestsDir() {
            return inputFile != null && answerFile != null;
        }
    }

    private static Map<String, TestData> discoverTests(JudgeProblemSpec spec, Path testsDir) throws ProblemException {
        if (!Files.isDirectory(testsDir)) {
            throw new ProblemException(PROBLEM_YAML + ": no 'tests' list and no " + TESTS_DIR
                    + "/ directory: add tests/<name>.in and tests/<name>.ans files");
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(testsDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String file = f.getFileName().toString();
                if (file.endsWith(".in") && Files.isRegularFile(f)) {
                    names.add(file.substring(0, file.length() - 3));
                } else if (file.endsWith(".ans") && !Files.exists(testsDir.resolve(file.substring(0, file.length() - 4) + ".in"))) {
                    throw new ProblemException(TESTS_DIR + "/" + file + " has no matching " + TESTS_DIR + "/"
                            + file.substring(0, file.length() - 4) + ".in");
                }
            }
        } catch (IOException e) {
            throw new ProblemException(TESTS_DIR + "/: cannot list: " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            throw new ProblemException(TESTS_DIR + "/: no <name>.in files: a problem needs at least one test");
        }
        names.sort(ProblemFiles.NATURAL_ORDER);
        Map<String, TestData> data = new TreeMap<>();
        List<TestCase> tests = new ArrayList<>();
        for (String name : names) {
            if (!ProblemSpecRules.TEST_NAME.matcher(name).matches()) {
                throw new ProblemException(TESTS_DIR + "/" + name + ".in: test name '" + name + "' must match "
                        + ProblemSpecRules.TEST_NAME.pattern() + " (letters, digits, '-', '_', '.'; at most 63 characters)");
            }
            Path answer = testsDir.resolve(name + ".ans");
            if (!Files.isRegularFile(answer)) {
                throw new ProblemException(TESTS_DIR + "/" + name + ".in has no matching " + TESTS_DIR + "/" + name + ".ans");
            }
            tests.add(new TestCase(name, 1.0));
            data.put(name, new TestData(testsDir.resolve(name + ".in"), null, answer, null));
        }
        spec.setTests(tests);
        return data;
    }

    private static Map<String, TestData> listedTestData(JudgeProblemSpec spec, Path testsDir) throws ProblemException {
        Map<String, TestData> data = new TreeMap<>();
        for (int i = 0; i < spec.getTests().size(); i++) {
            TestCase t = spec.getTests().get(i);
            if (t == null || t.getName() == null || !ProblemSpecRules.TEST_NAME.matcher(t.getName()).matches()) {
                continue; // the validator reports it with the rule
            }
            String at = PROBLEM_YAML + ": tests[" + i + "] (" + t.getName() + ")";
            Path input = side(at, "input", t.getInput(), testsDir.resolve(t.getName() + ".in"));
            Path answer = side(at, "answer", t.getAnswer(), testsDir.resolve(t.getName() + ".ans"));
            data.put(t.getName(), new TestData(input, t.getInput(), answer, t.getAnswer()));
            // The data now lives in files; the spec keeps only what the resource needs.
            t.setInput(null);
            t.setAnswer(null);
        }
        return data;
    }

    private static Path side(String at, String field, String inline, Path file) throws ProblemException {
        boolean exists = Files.isRegularFile(file);
        String rel = TESTS_DIR + "/" + file.getFileName();
        if (inline != null && exists) {
            throw new ProblemException(at + " has both an inline " + field + " and the file " + rel + ": keep one");
        }
        if (inline == null && !exists) {
            throw new ProblemException(at + ": missing " + rel + " (or give '" + field + "' inline)");
        }
        return exists ? file : null;
    }

    private static Path dataDirectory(Path testsDir, Map<String, TestData> data) throws ProblemException {
        if (data.values().stream().allMatch(TestData::allInTestsDir)) {
            return testsDir;
        }
        Path dir = ProblemWorkspace.newDirectory("data");
        try {
            for (Map.Entry<String, TestData> e : data.entrySet()) {
                TestData d = e.getValue();
                place(dir.resolve(e.getKey() + ".in"), d.inputFile(), d.inputText());
                place(dir.resolve(e.getKey() + ".ans"), d.answerFile(), d.answerText());
            }
        } catch (IOException e) {
            throw new ProblemException("cannot prepare the test data directory " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static void place(Path target, Path file, String text) throws IOException {
        if (file != null) {
            Files.createSymbolicLink(target, file.toAbsolutePath());
        } else {
            Files.writeString(target, text, StandardCharsets.UTF_8);
        }
    }

    /**
     * Finds the special checker's source and rewrites the spec's program to name it by
     * {@code configMapKey} (its file name), which is how the pod finds it in the data ConfigMap.
     */
    private static Path resolveChecker(Path dir, Checker checker) throws ProblemException {
        if (checker == null) {
            return null;
        }
        CheckerType type = CheckerTypes.of(checker);
        CheckerProgram program = checker.getProgram();
        if (!type.needs(CheckerType.Need.PROGRAM)) {
            if (program != null) {
                throw new ProblemException(PROBLEM_YAML + ": checker.program is only used by "
                        + CheckerTypes.idsNeeding(CheckerType.Need.PROGRAM) + " checkers (checker.type is " + type.id() + ")");
            }
            return null;
        }
        if (program == null) {
            program = new CheckerProgram();
            checker.setProgram(program);
        }
        Path source;
        if (program.getSource() != null) {
            if (program.getConfigMapKey() != null) {
                throw new ProblemException(PROBLEM_YAML + ": checker.program: give the checker source either inline (source) or as a file, not both");
            }
            if (program.getLanguage() == null) {
                throw new ProblemException(PROBLEM_YAML + ": checker.program.language is required with an inline source (c, cpp, java, python, go)");
            }
            String fileName = program.getFileName() != null ? program.getFileName() : defaultFileName(program.getLanguage());
            source = ProblemWorkspace.newDirectory("checker").resolve(fileName);
            try {
                Files.writeString(source, program.getSource(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ProblemException("cannot write the inline checker source: " + e.getMessage(), e);
            }
        } else {
            source = findCheckerFile(dir, program);
        }
        String fileName = source.getFileName().toString();
        if (program.getLanguage() == null) {
            program.setLanguage(SourceFiles.languageOf(source).orElseThrow(() -> new ProblemException(PROBLEM_YAML
                    + ": checker.program.language is required: cannot tell the language of " + fileName
                    + " (c, cpp, java, python, go)")));
        }
        if (fileName.endsWith(".in") || fileName.endsWith(".ans")) {
            throw new ProblemException(PROBLEM_YAML + ": checker source " + fileName + " must not end in .in or .ans (those names are test data)");
        }
        program.setSource(null);
        program.setFileName(fileName);
        program.setConfigMapKey(fileName);
        return bundled(source, program.getLanguage());
    }

    private static Path findCheckerFile(Path dir, CheckerProgram program) throws ProblemException {
        String named = program.getFileName() != null ? program.getFileName() : program.getConfigMapKey();
        Path checkerDir = dir.resolve(CHECKER_DIR);
        if (named != null) {
            for (Path candidate : List.of(dir.resolve(named), checkerDir.resolve(named))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            throw new ProblemException(PROBLEM_YAML + ": checker.program.fileName '" + named + "' is neither "
                    + named + " nor " + CHECKER_DIR + "/" + named + " in the problem directory");
        }
        if (!Files.isDirectory(checkerDir)) {
            throw new ProblemException(PROBLEM_YAML + ": the checker needs its program: put its source in "
                    + CHECKER_DIR + "/ or set checker.program (fileName or source)");
        }
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(checkerDir)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> SourceFiles.languageOf(f).isPresent())
                    .forEach(sources::add);
        } catch (IOException e) {
            throw new ProblemException(CHECKER_DIR + "/: cannot list: " + e.getMessage(), e);
        }
        if (sources.size() != 1) {
            throw new ProblemException(CHECKER_DIR + "/ holds " + sources.size()
                    + " checker sources (.c .cpp .java .py .go): keep exactly one or set checker.program.fileName");
        }
        return sources.get(0);
    }

    /** C and C++ checkers get their local headers pasted in, so that one file is the whole checker. */
    static Path bundled(Path source, Language language) throws ProblemException {
        if (language != Language.C && language != Language.CPP) {
            return source;
        }
        try {
            String text = SourceFiles.bundleLocalIncludes(source);
            if (text == null) {
                return source;
            }
            Path out = ProblemWorkspace.newDirectory("checker").resolve(source.getFileName().toString());
            Files.writeString(out, text, StandardCharsets.UTF_8);
            return out;
        } catch (IOException e) {
            throw new ProblemException("cannot read the checker source " + source + ": " + e.getMessage(), e);
        }
    }

    static String defaultFileName(Language language) {
        return switch (language) {
            case C -> "checker.c";
            case CPP -> "checker.cpp";
            case JAVA -> "Checker.java";
            case PYTHON -> "checker.py";
            case GO -> "checker.go";
        };
    }
}
