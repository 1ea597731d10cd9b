package io.kubejudge.runner.problem;

import static io.kubejudge.runner.problem.ProblemDirs.test;
import static io.kubejudge.runner.problem.ProblemDirs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.TestCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeJudgeFormatTest {

    @TempDir
    Path dir;

    private Path problem(String yaml) throws IOException {
        Path p = dir.resolve("my-problem");
        write(p, "problem.yaml", yaml);
        return p;
    }

    private void fails(Path p, String... parts) {
        var assertion = assertThatThrownBy(() -> ProblemLoader.load(p)).isInstanceOf(ProblemException.class);
        for (String part : parts) {
            assertion.hasMessageContaining(part);
        }
    }

    @Test
    void loadsTheExample() throws Exception {
        Problem p = ProblemLoader.load(ProblemDirs.EXAMPLES.resolve("aplusb"));
        assertThat(p.name()).isEqualTo("aplusb");
        assertThat(p.spec().getTitle()).isEqualTo("A + B");
        assertThat(p.spec().getTimeLimitMs()).isEqualTo(1000);
        assertThat(p.spec().getChecker().getType()).isEqualTo(Checker.Type.TOKENS);
        assertThat(p.spec().getTests()).extracting(TestCase::getName).startsWith("sample-1", "small-1").hasSize(10);
        assertThat(p.spec().getTests()).extracting(TestCase::getGroup).containsOnly(null, "small", "large");
        assertThat(p.spec().getTests().stream().mapToDouble(TestCase::getPoints).sum()).isEqualTo(100.0);
        assertThat(p.dataDir()).isEqualTo(ProblemDirs.EXAMPLES.resolve("aplusb").resolve("tests"));
        for (TestCase t : p.spec().getTests()) {
            assertThat(p.input(t)).isRegularFile();
            assertThat(p.answer(t)).isRegularFile();
        }
    }

    @Test
    void withoutATestListEveryInputCountsInNaturalOrder() throws Exception {
        Path p = problem("timeLimitMs: 2000\nmemoryLimitMiB: 128\n");
        for (String name : new String[] {"10", "2", "1", "b-2", "b-10", "a"}) {
            test(p, "tests", name, name + "\n", name + "\n");
        }
        Problem loaded = ProblemLoader.load(p);
        assertThat(loaded.name()).isEqualTo("my-problem");
        assertThat(loaded.spec().getTests()).extracting(TestCase::getName).containsExactly("1", "2", "10", "a", "b-2", "b-10");
        assertThat(loaded.spec().getTests()).extracting(TestCase::getPoints).containsOnly(1.0);
        assertThat(loaded.spec().getOutputLimitMiB()).isEqualTo(64);
    }

    @Test
    void inlineTestsEndUpAsFilesInTheDataDirectory() throws Exception {
        Path p = problem("""
                timeLimitMs: 1000
                memoryLimitMiB: 64
                tests:
                  - {name: inline, input: "1 2\\n", answer: "3\\n", points: 5}
                  - {name: file, points: 5}
                """);
        test(p, "tests", "file", "2 2\n", "4\n");
        Problem loaded = ProblemLoader.load(p);
        TestCase inline = loaded.spec().getTests().get(0);
        assertThat(inline.getInput()).isNull();
        assertThat(Files.readString(loaded.input(inline))).isEqualTo("1 2\n");
        assertThat(Files.readString(loaded.answer(inline))).isEqualTo("3\n");
        assertThat(Files.readString(loaded.input(loaded.spec().getTests().get(1)))).isEqualTo("2 2\n");
        assertThat(loaded.dataDir()).isNotEqualTo(p.resolve("tests"));
    }

    @Test
    void aSpecialCheckerIsFoundInCheckerDirAndNamedByItsKey() throws Exception {
        Path p = problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\nchecker: {type: special}\n");
        test(p, "tests", "1", "1\n", "1\n");
        write(p, "checker/check.cpp", "#include \"lib.h\"\nint main() { return ok(); }\n");
        write(p, "checker/lib.h", "#pragma once\nstatic int ok() { return 0; }\n");
        Problem loaded = ProblemLoader.load(p);
        var program = loaded.spec().getChecker().getProgram();
        assertThat(program.getLanguage()).isEqualTo(Language.CPP);
        assertThat(program.getConfigMapKey()).isEqualTo("check.cpp");
        assertThat(program.getSource()).isNull();
        // The header is pasted in: one file is the whole checker, as in a ConfigMap.
        String bundled = Files.readString(loaded.checkerSource());
        assertThat(bundled).contains("static int ok()").contains("#line 1 \"lib.h\"").doesNotContain("#include \"lib.h\"");
    }

    @Test
    void checkerFileNameIsLookedUpInTheProblemDirectory() throws Exception {
        Path p = problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\nchecker: {type: special, program: {fileName: chk.py}}\n");
        test(p, "tests", "1", "1\n", "1\n");
        write(p, "chk.py", "import sys\n");
        Problem loaded = ProblemLoader.load(p);
        assertThat(loaded.checkerSource()).isEqualTo(p.resolve("chk.py"));
        assertThat(loaded.spec().getChecker().getProgram().getLanguage()).isEqualTo(Language.PYTHON);
    }

    @Test
    void limitsOutsideTheCrdRangesAreRefusedWithFieldAndRange() throws Exception {
        Path p = problem("timeLimitMs: 0\nmemoryLimitMiB: 9000\noutputLimitMiB: 2000\n");
        test(p, "tests", "1", "", "");
        fails(p, "problem.yaml", "timeLimitMs: 0 is outside 1..60000", "memoryLimitMiB: 9000 is outside 16..8192",
                "outputLimitMiB: 2000 is outside 1..1024");
        fails(problem("memoryLimitMiB: 64\n"), "timeLimitMs: required (1..60000 ms)");
    }

    @Test
    void unknownFieldsAndBadValuesNameTheField() throws Exception {
        Path p = problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\ntimelimit: 3\n");
        test(p, "tests", "1", "", "");
        fails(p, "problem.yaml", "timelimit");
        fails(problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\nchecker: {type: fuzzy}\n"), "checker.type", "fuzzy");
        fails(problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\nlanguages: [cobol]\n"), "languages", "cobol");
        fails(problem("timeLimitMs: [1]\n"), "timeLimitMs");
        fails(problem("timeLimitMs: 1.5\nmemoryLimitMiB: 64\n"), "field 'timeLimitMs'");
        fails(problem("timeLimitMs: 1000\n  bad: : yaml"), "problem.yaml", "not valid YAML");
    }

    @Test
    void checkerRulesOfTheCrdApply() throws Exception {
        Path p = problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\nchecker: {type: float}\n");
        test(p, "tests", "1", "", "");
        fails(p, "a float checker needs absoluteEpsilon or relativeEpsilon");
        fails(problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\nchecker: {type: float, absoluteEpsilon: 2}\n"),
                "checker.absoluteEpsilon: 2.0 is outside 0..1");
        fails(problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\nchecker: {type: special}\n"), "checker needs its program", "checker/");
        fails(problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\nchecker: {type: special, program: {fileName: nope.cpp}}\n"),
                "nope.cpp", "checker/nope.cpp");
        fails(problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\nchecker: {type: tokens, program: {fileName: x.cpp}}\n"),
                "checker.program is only used by special and kattis checkers (checker.type is tokens)");
    }

    @Test
    void testDataProblemsNameTheFile() throws Exception {
        Path p = problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\n");
        write(p, "tests/1.in", "");
        fails(p, "tests/1.in has no matching tests/1.ans");
        Path q = problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\n");
        Files.delete(q.resolve("tests/1.in"));
        write(q, "tests/2.ans", "");
        fails(q, "tests/2.ans has no matching tests/2.in");
        Path r = dir.resolve("bad-name");
        write(r, "problem.yaml", "timeLimitMs: 1000\nmemoryLimitMiB: 64\n");
        test(r, "tests", "-dash", "", "");
        fails(r, "tests/-dash.in", "must match");
        Path s = dir.resolve("empty");
        write(s, "problem.yaml", "timeLimitMs: 1000\nmemoryLimitMiB: 64\n");
        Files.createDirectories(s.resolve("tests"));
        fails(s, "tests/", "at least one test");
    }

    @Test
    void listedTestsNeedTheirDataOnceAndUniqueNames() throws Exception {
        Path p = problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\ntests: [{name: a}]\n");
        fails(p, "tests[0] (a): missing tests/a.in");
        Path q = problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\ntests: [{name: a, input: \"1\", answer: \"1\"}]\n");
        test(q, "tests", "a", "", "");
        fails(q, "tests[0] (a) has both an inline input and the file tests/a.in");
        Path r = problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\ntests: [{name: a, input: x, answer: y}, {name: a, input: x, answer: y}]\n");
        Files.delete(r.resolve("tests/a.in"));
        Files.delete(r.resolve("tests/a.ans"));
        fails(r, "tests[1].name: 'a' is also the name of tests[0]");
        Path s = problem("timeLimitMs: 1000\nmemoryLimitMiB: 64\ntests: [{name: a, input: x, answer: y, points: -1, group: \"bad group\"}]\n");
        fails(s, "points: -1.0 is outside 0..1000000", "group: 'bad group' must match");
    }

    @Test
    void theResourceNameIsADnsLabel() throws Exception {
        Path p = problem("name: Not_Valid\ntimeLimitMs: 1000\nmemoryLimitMiB: 64\n");
        test(p, "tests", "1", "", "");
        fails(p, "name 'Not_Valid' must be a DNS-1123 label");
        Path q = dir.resolve("Some Problem_v2");
        write(q, "problem.yaml", "timeLimitMs: 1000\nmemoryLimitMiB: 64\n");
        test(q, "tests", "1", "", "");
        assertThat(ProblemLoader.load(q).name()).isEqualTo("some-problem-v2");
    }

    @Test
    void aDirectoryInNeitherFormatIsRefused() throws Exception {
        fails(dir.resolve("missing"), "not a directory");
        Files.createDirectories(dir.resolve("empty-dir"));
        fails(dir.resolve("empty-dir"), "neither a KubeJudge problem", "nor an ICPC/Kattis package");
        Path noYaml = dir.resolve("no-yaml");
        test(noYaml, "tests", "1", "", "");
        fails(noYaml, "missing problem.yaml");
    }
}
