package io.kubejudge.runner.problem;

import io.kubejudge.model.problem.ProblemSpecRules;
import static io.kubejudge.runner.problem.ProblemDirs.test;
import static io.kubejudge.runner.problem.ProblemDirs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.GradingGroup;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.judge.Scoring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KattisPackageTest {

    @TempDir
    Path dir;

    private Path pkg(String yaml) throws IOException {
        Path p = dir.resolve("pkg" + System.nanoTime());
        write(p, "problem.yaml", yaml);
        return p;
    }

    private static Path secret(Path p, String... names) throws IOException {
        for (String n : names) {
            test(p, "data/secret", n, n + "\n", n + "\n");
        }
        return p;
    }

    private void fails(Path p, String... parts) {
        var assertion = assertThatThrownBy(() -> ProblemLoader.load(p)).isInstanceOf(ProblemException.class);
        for (String part : parts) {
            assertion.hasMessageContaining(part);
        }
    }

    private static Map<String, TestCase> byName(Problem p) {
        return p.spec().getTests().stream().collect(Collectors.toMap(TestCase::getName, Function.identity()));
    }

    @Test
    void loadsTheLegacyExampleWithItsCustomValidator() throws Exception {
        Problem p = ProblemLoader.load(ProblemDirs.EXAMPLES.resolve("aplusb-kattis"));
        assertThat(p.name()).isEqualTo("aplusb-kattis");
        assertThat(p.spec().getTitle()).isEqualTo("A plus B");
        assertThat(p.spec().getTimeLimitMs()).isEqualTo(1000);
        assertThat(p.spec().getMemoryLimitMiB()).isEqualTo(256);
        assertThat(p.spec().getOutputLimitMiB()).isEqualTo(1);
        assertThat(p.spec().getStopOnFirstFailure()).isTrue();
        assertThat(p.spec().getTests()).extracting(TestCase::getName).containsExactly("sample-1", "sample-2",
                "secret-01-zero", "secret-02-negative", "secret-03-mixed", "secret-04-int32-edge", "secret-05-big",
                "secret-06-big-negative", "secret-07-spaces", "secret-08-trillions");
        assertThat(p.spec().getTests()).extracting(TestCase::getPoints).containsExactly(0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(p.spec().getTests().get(0).getSample()).isTrue();
        Checker checker = p.spec().getChecker();
        assertThat(checker.getType()).isEqualTo(Checker.Type.KATTIS);
        assertThat(checker.getProgram().getLanguage()).isEqualTo(Language.CPP);
        assertThat(checker.getProgram().getConfigMapKey()).isEqualTo("validator.cpp");
        assertThat(p.checkerSource()).hasFileName("validator.cpp").isRegularFile();
        for (TestCase t : p.spec().getTests()) {
            assertThat(Files.readString(p.input(t))).isNotEmpty();
        }
        assertThat(Files.readString(p.answer(byName(p).get("secret-05-big")))).isEqualTo("9223372036854775807\n");
    }

    @Test
    void loadsTheScoringExampleWithGroupsAndTolerance() throws Exception {
        Problem p = ProblemLoader.load(ProblemDirs.EXAMPLES.resolve("circle-area-kattis"));
        Checker checker = p.spec().getChecker();
        assertThat(checker.getType()).isEqualTo(Checker.Type.FLOAT);
        assertThat(checker.getAbsoluteEpsilon()).isEqualTo(1e-6);
        assertThat(checker.getRelativeEpsilon()).isEqualTo(1e-6);
        assertThat(checker.getCaseSensitive()).isFalse();
        assertThat(p.spec().getStopOnFirstFailure()).isFalse();
        Map<String, TestCase> tests = byName(p);
        assertThat(tests.get("secret-group1-01").getPoints()).isEqualTo(30.0);
        assertThat(tests.get("secret-group1-01").getGradingGroup()).isEqualTo("secret/group1");
        assertThat(tests.get("secret-group2-03").getPoints()).isEqualTo(70.0);
        assertThat(tests.get("secret-group2-03").getGradingGroup()).isEqualTo("secret/group2");
        Map<String, GradingGroup> groups = gradingGroups(p);
        assertThat(groups.get("").getIgnoreSample()).isTrue();
        assertThat(groups.get("secret/group2").getScore()).isEqualTo(GradingGroup.ScoreRule.MIN);
        assertThat(groups.get("secret/group2").getContinueOnReject()).isTrue();

        List<TestResult> allButOne = p.spec().getTests().stream()
                .map(t -> new TestResult(t.getName(), t.getName().equals("secret-group2-02") ? Verdict.WRONG_ANSWER : Verdict.ACCEPTED,
                        1L, 1L, 0, null, t.getName().equals("secret-group2-02") ? 0.0 : t.getPoints(), null))
                .toList();
        Scoring.Summary s = Scoring.score(p.spec(), allButOne);
        assertThat(s.maxScore()).isEqualTo(100.0);
        assertThat(s.score()).isEqualTo(30.0);
    }

    @Test
    void timeLimitComesFromProblemYamlThenTimelimitFileThenDomjudgeThenOneSecond() throws Exception {
        Path a = secret(pkg("limits: {time_limit: 2.5}\n"), "1");
        write(a, ".timelimit", "7\n");
        assertThat(ProblemLoader.load(a).spec().getTimeLimitMs()).isEqualTo(2500);
        Path b = secret(pkg("name: B\n"), "1");
        write(b, ".timelimit", "3\n");
        assertThat(ProblemLoader.load(b).spec().getTimeLimitMs()).isEqualTo(3000);
        Path c = secret(pkg("name: C\n"), "1");
        write(c, "domjudge-problem.ini", "name='C'\ntimelimit='4'\n");
        assertThat(ProblemLoader.load(c).spec().getTimeLimitMs()).isEqualTo(4000);
        assertThat(ProblemLoader.load(secret(pkg("name: D\n"), "1")).spec().getTimeLimitMs()).isEqualTo(1000);
        fails(secret(pkg("limits: {time_limit: 0}\n"), "1"), "limits.time_limit");
        fails(secret(pkg("limits: {time_limit: 100}\n"), "1"), "limits.time_limit", "0.001..60 s");
        Path e = secret(pkg("name: E\n"), "1");
        write(e, ".timelimit", "soon\n");
        fails(e, ".timelimit", "soon");
    }

    @Test
    void memoryDefaultsTo2GiBAndIsCappedAt8GiB() throws Exception {
        assertThat(ProblemLoader.load(secret(pkg("name: M\n"), "1")).spec().getMemoryLimitMiB()).isEqualTo(2048);
        assertThat(ProblemLoader.load(secret(pkg("limits: {memory: 16384, output: 4096}\n"), "1")).spec())
                .satisfies(s -> {
                    assertThat(s.getMemoryLimitMiB()).isEqualTo(8192);
                    assertThat(s.getOutputLimitMiB()).isEqualTo(1024);
                });
        fails(secret(pkg("limits: {memory: 8}\n"), "1"), "limits.memory 8 MiB", "16 MiB");
        fails(secret(pkg("limits: {memory: lots}\n"), "1"), "limits.memory");
    }

    @Test
    void nestedGroupsAreJudgedInLexicographicOrderAfterTheSamples() throws Exception {
        Path p = pkg("name: Order\n");
        test(p, "data/sample", "2", "", "");
        test(p, "data/sample", "1", "", "");
        secret(p, "b", "1");
        test(p, "data/secret/a", "2", "", "");
        test(p, "data/secret/a", "10", "", "");
        test(p, "data/secret/a/deeper", "x", "", "");
        test(p, "data/secret/c", "only", "", "");
        Problem loaded = ProblemLoader.load(p);
        assertThat(loaded.spec().getTests()).extracting(TestCase::getName).containsExactly(
                "sample-1", "sample-2", "secret-1", "secret-a-10", "secret-a-2", "secret-a-deeper-x", "secret-b", "secret-c-only");
        assertThat(loaded.spec().getTests()).extracting(TestCase::getGroup).containsOnlyNulls();
    }

    @Test
    void modernScoringSharesGroupScoresAndMakesSubtasksAllOrNothing() throws Exception {
        Path p = pkg("problem_format_version: 2023-07-draft\nname: Modern\ntype: scoring\nuuid: 1\n");
        test(p, "data/sample", "1", "", "");
        write(p, "data/secret/test_group.yaml", "scoring: {score: 100}\n");
        write(p, "data/secret/group1/test_group.yaml", "scoring: {score: 40}\n");
        test(p, "data/secret/group1", "1", "", "");
        test(p, "data/secret/group1", "2", "", "");
        write(p, "data/secret/group2/test_group.yaml", "scoring: {aggregation: min}\n");
        for (String n : new String[] {"1", "2", "3"}) {
            test(p, "data/secret/group2", n, "", "");
        }
        test(p, "data/secret", "single", "", "");
        Map<String, TestCase> t = byName(ProblemLoader.load(p));
        assertThat(t.get("sample-1").getPoints()).isZero();
        assertThat(t.get("secret-group1-1").getPoints()).isEqualTo(20.0);
        assertThat(t.get("secret-group1-1").getGradingGroup()).isEqualTo("secret/group1");
        assertThat(t.get("secret-group2-2").getPoints()).isEqualTo(10.0);
        assertThat(t.get("secret-single").getPoints()).isEqualTo(30.0);
        assertThat(t.get("secret-single").getGradingGroup()).isEqualTo("secret");
        Map<String, GradingGroup> groups = gradingGroups(ProblemLoader.load(p));
        assertThat(groups.get("secret/group1").getScore()).isEqualTo(GradingGroup.ScoreRule.PASS_FAIL);
        assertThat(groups.get("secret/group1").getMaxScore()).isEqualTo(40.0);
        assertThat(groups.get("secret/group2").getScore()).isEqualTo(GradingGroup.ScoreRule.MIN_SHARE);
        assertThat(groups.get("secret/group2").getMaxScore()).isEqualTo(30.0);
        assertThat(groups.get("secret").getScore()).isEqualTo(GradingGroup.ScoreRule.SUM);
    }

    @Test
    void modernRequirePassNamesGroupsAndTestsBelowData() throws Exception {
        Path p = pkg("problem_format_version: 2023-07-draft\nname: Modern\ntype: scoring\nuuid: 1\n");
        write(p, "data/secret/group1/test_group.yaml", "scoring: {score: 40}\n");
        test(p, "data/secret/group1", "1", "", "");
        write(p, "data/secret/group2/test_group.yaml", "scoring: {score: 60, require_pass: [secret/group1, sample/1]}\n");
        test(p, "data/secret/group2", "1", "", "");
        test(p, "data/sample", "1", "", "");
        assertThat(gradingGroups(ProblemLoader.load(p)).get("secret/group2").getRequirePass()).containsExactly("secret/group1", "sample-1");
        write(p, "data/secret/group2/test_group.yaml", "scoring: {score: 60, require_pass: secret/nothere}\n");
        fails(p, "data/secret/group2/test_group.yaml", "'secret/nothere', which is neither a test group nor a test case");
    }

    @Test
    void modernCustomValidatorIsTheOutputValidatorDirectoryWithItsHeaders() throws Exception {
        Path p = pkg("problem_format_version: 2023-07-draft\nname: V\n");
        secret(p, "1");
        write(p, "data/test_group.yaml", "output_validator_args: [case_sensitive, space_change_sensitive]\n");
        write(p, "output_validator/validate.h", "#pragma once\ninline int verdict() { return 42; }\n");
        write(p, "output_validator/validator.cpp", "#include \"validate.h\"\nint main() { return verdict(); }\n");
        Problem loaded = ProblemLoader.load(p);
        Checker checker = loaded.spec().getChecker();
        assertThat(checker.getType()).isEqualTo(Checker.Type.KATTIS);
        assertThat(checker.getValidatorFlags()).isEqualTo("case_sensitive space_change_sensitive");
        assertThat(checker.getProgram().getConfigMapKey()).isEqualTo("validator.cpp");
        assertThat(Files.readString(loaded.checkerSource())).contains("inline int verdict()").contains("int main()");
    }

    @Test
    void legacyScoringUsesAcceptScoresAndGraderModes() throws Exception {
        Path p = pkg("name: L\ntype: scoring\n");
        test(p, "data/sample", "1", "", "");
        write(p, "data/sample/testdata.yaml", "accept_score: 0\n");
        write(p, "data/secret/sum/testdata.yaml", "accept_score: 5\n");
        test(p, "data/secret/sum", "1", "", "");
        test(p, "data/secret/sum", "2", "", "");
        write(p, "data/secret/avg/testdata.yaml", "accept_score: 30\ngrader_flags: avg\n");
        test(p, "data/secret/avg", "1", "", "");
        test(p, "data/secret/avg", "2", "", "");
        test(p, "data/secret/avg", "3", "", "");
        write(p, "data/secret/min/testdata.yaml", "accept_score: 50\ngrader_flags: first_error min\n");
        test(p, "data/secret/min", "1", "", "");
        test(p, "data/secret/min", "2", "", "");
        Problem loaded = ProblemLoader.load(p);
        Map<String, TestCase> t = byName(loaded);
        assertThat(t.get("sample-1").getPoints()).isZero();
        assertThat(t.get("secret-sum-1").getPoints()).isEqualTo(5.0);
        assertThat(t.get("secret-avg-3").getPoints()).isEqualTo(30.0);
        assertThat(t.get("secret-min-2").getPoints()).isEqualTo(50.0);
        Map<String, GradingGroup> groups = gradingGroups(loaded);
        assertThat(groups.get("secret/avg").getScore()).isEqualTo(GradingGroup.ScoreRule.AVG);
        assertThat(groups.get("secret/min").getScore()).isEqualTo(GradingGroup.ScoreRule.MIN);
        assertThat(groups.get("secret/min").getVerdict()).isEqualTo(GradingGroup.VerdictRule.FIRST_ERROR);
        // Every group breaks on reject (the default) and none accepts a rejection: Kattis stops at the first failure.
        assertThat(loaded.spec().getStopOnFirstFailure()).isTrue();
        assertThat(Scoring.score(loaded.spec(), allAccepted(loaded)).score()).isEqualTo(5 + 5 + 30 + 50);
    }

    @Test
    void legacyDefaultGraderCountsSamplesUnlessIgnored() throws Exception {
        Path p = secret(pkg("name: S\ntype: scoring\n"), "1");
        test(p, "data/sample", "1", "", "");
        Problem counted = ProblemLoader.load(p);
        assertThat(Scoring.score(counted.spec(), allAccepted(counted)).score()).isEqualTo(2.0);
        write(p, "data/testdata.yaml", "grader_flags: ignore_sample\non_reject: continue\n");
        Problem ignored = ProblemLoader.load(p);
        assertThat(Scoring.score(ignored.spec(), allAccepted(ignored)).score()).isEqualTo(1.0);
        assertThat(Scoring.score(ignored.spec(), allAccepted(ignored)).maxScore()).isEqualTo(1.0);
        write(p, "data/secret/testdata.yaml", "grader_flags: ignore_sample\n");
        fails(p, "data/secret/testdata.yaml", "'ignore_sample' is only allowed for data/");
    }

    @Test
    void passFailWithGraderSettingsIsGradedByGroups() throws Exception {
        Path p = secret(pkg("name: P\n"), "1");
        secret(p, "2");
        Problem plain = ProblemLoader.load(p);
        assertThat(plain.spec().getGradingGroups()).isEmpty();
        assertThat(plain.spec().getStopOnFirstFailure()).isTrue();

        write(p, "data/secret/testdata.yaml", "on_reject: continue\ngrader_flags: first_error\n");
        Problem graded = ProblemLoader.load(p);
        assertThat(graded.spec().getStopOnFirstFailure()).isFalse();
        assertThat(gradingGroups(graded).get("secret").getVerdict()).isEqualTo(GradingGroup.VerdictRule.FIRST_ERROR);
        List<TestResult> results = List.of(
                new TestResult("secret-1", Verdict.WRONG_ANSWER, 1L, 1L, 0, null, 0.0, null),
                new TestResult("secret-2", Verdict.TIME_LIMIT_EXCEEDED, 1L, 1L, 0, null, 0.0, null));
        assertThat(Scoring.score(graded.spec(), results).verdict()).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void problemYamlGradingAppliesToEveryGroup() throws Exception {
        Path p = secret(pkg("name: G\ntype: scoring\ngrading:\n  accept_score: 2\n  reject_score: 1\n  on_reject: grade\n  range: 0 10\n"), "1");
        write(p, "data/secret/testdata.yaml", "accept_score: 7\non_reject: break\n");
        Problem loaded = ProblemLoader.load(p);
        GradingGroup secret = gradingGroups(loaded).get("secret");
        assertThat(secret.getAcceptScore()).isEqualTo(2.0);
        assertThat(secret.getRejectScore()).isEqualTo(1.0);
        assertThat(secret.getContinueOnReject()).isTrue();
        assertThat(secret.getRangeMin()).isEqualTo(0.0);
        assertThat(secret.getRangeMax()).isEqualTo(10.0);
        assertThat(byName(loaded).get("secret-1").getPoints()).isEqualTo(2.0);
        Path q = secret(pkg("name: H\ntype: scoring\n"), "1");
        write(q, "data/secret/testdata.yaml", "range: ten twenty\n");
        fails(q, "range 'ten twenty' must be two numbers");
    }

    @Test
    void unsupportedGradingIsRefusedNamingTheFile() throws Exception {
        Path p = secret(pkg("name: G\ntype: scoring\n"), "1");
        write(p, "data/secret/testdata.yaml", "grader_flags: maximum\n");
        fails(p, "data/secret/testdata.yaml", "unknown grader flag 'maximum'");
        Path q = secret(pkg("name: G\ntype: scoring\n"), "1");
        write(q, "data/secret/testdata.yaml", "grading: custom\n");
        fails(q, "data/secret/testdata.yaml", "custom graders");
        Path r = pkg("name: G\ntype: scoring\n");
        write(r, "data/secret/g/testdata.yaml", "grader_flags: min\n");
        test(r, "data/secret/g", "1", "", "");
        write(r, "data/secret/g/h/testdata.yaml", "accept_score: 3\ngrader_flags: min\n");
        test(r, "data/secret/g/h", "1", "", "");
        // Nested groups are graded as a tree now: a 'min' group may hold a subgroup of another accept_score.
        assertThat(ProblemLoader.load(r).spec().getGradingGroups()).extracting(GradingGroup::getPath).contains("secret/g/h");
        Path s = secret(pkg("problem_format_version: 2023-07-draft\ntype: scoring\n"), "1");
        write(s, "data/secret/test_group.yaml", "scoring: {score: unbounded}\n");
        fails(s, "unbounded");
        Path u = secret(pkg("name: G\ntype: scoring\n"), "1");
        write(u, "data/secret/testdata.yaml", "grader_flags: sideways\n");
        fails(u, "unknown grader flag 'sideways'");
    }

    @Test
    void validatorFlagsBecomeTheDefaultCheckersSettings() throws Exception {
        Problem p = ProblemLoader.load(secret(pkg("validator_flags: case_sensitive float_absolute_tolerance 1e-3\n"), "1"));
        Checker c = p.spec().getChecker();
        assertThat(c.getType()).isEqualTo(Checker.Type.FLOAT);
        assertThat(c.getAbsoluteEpsilon()).isEqualTo(1e-3);
        assertThat(c.getRelativeEpsilon()).isNull();
        assertThat(c.getCaseSensitive()).isTrue();
        Checker plain = ProblemLoader.load(secret(pkg("name: P\n"), "1")).spec().getChecker();
        assertThat(plain.getType()).isEqualTo(Checker.Type.TOKENS);
        assertThat(plain.getCaseSensitive()).isFalse();
        Checker spaces = ProblemLoader.load(secret(pkg("validator_flags: [space_change_sensitive]\n"), "1")).spec().getChecker();
        assertThat(spaces.getValidatorFlags()).isEqualTo("space_change_sensitive");
        fails(secret(pkg("validator_flags: float_tolerance\n"), "1"), "float_tolerance needs a number");
        fails(secret(pkg("validator_flags: float_tolerance 1e-6 float_relative_tolerance 1e-3\n"), "1"), "cannot be combined");
        fails(secret(pkg("validator_flags: ignore_case\n"), "1"), "unknown validator flag 'ignore_case'");
        fails(secret(pkg("validator_flags: float_tolerance 5\n"), "1"), "outside 0..1");
    }

    @Test
    void groupsWithDifferentValidatorArgumentsAreRefused() throws Exception {
        Path p = pkg("problem_format_version: 2023-07-draft\nname: F\n");
        test(p, "data/secret/a", "1", "", "");
        test(p, "data/secret/b", "1", "", "");
        write(p, "data/secret/b/test_group.yaml", "output_validator_args: [case_sensitive]\n");
        fails(p, "data/secret/b/test_group.yaml", "differ", "one set of validator flags");
    }

    @Test
    void interactiveProblemsRunTheirValidatorInInteractiveMode() throws Exception {
        Path legacy = secret(pkg("validation: custom interactive\n"), "1");
        write(legacy, "output_validators/guess/validate.cpp", "int main(){return 42;}\n");
        Problem l = ProblemLoader.load(legacy);
        assertThat(l.spec().getInteractive()).isTrue();
        assertThat(l.spec().getChecker().getType()).isEqualTo(Checker.Type.KATTIS);
        assertThat(l.checkerSource()).isNotNull();

        Path modern = secret(pkg("problem_format_version: 2023-07-draft\ntype: [pass-fail, interactive]\n"), "1");
        write(modern, "output_validator/validate.py", "import sys\nsys.exit(42)\n");
        assertThat(ProblemLoader.load(modern).spec().getInteractive()).isTrue();
        assertThat(ProblemLoader.load(secret(pkg("name: X\n"), "1")).spec().getInteractive()).as("left out of ordinary problems").isNull();
    }

    @Test
    void validationMemoryIsTheInteractorsLimit() throws Exception {
        Path given = secret(pkg("validation: custom interactive\nlimits: {validation_memory: 512}\n"), "1");
        write(given, "output_validators/guess/validate.cpp", "int main(){return 42;}\n");
        assertThat(ProblemLoader.load(given).spec().getChecker().getMemoryLimitMiB()).isEqualTo(512);
        Path absent = secret(pkg("validation: custom interactive\n"), "1");
        write(absent, "output_validators/guess/validate.cpp", "int main(){return 42;}\n");
        assertThat(ProblemLoader.load(absent).spec().getChecker().getMemoryLimitMiB()).as("the runner's default, 2048").isNull();
        Path huge = secret(pkg("validation: custom interactive\nlimits: {validation_memory: 100000}\n"), "1");
        write(huge, "output_validators/guess/validate.cpp", "int main(){return 42;}\n");
        assertThat(ProblemLoader.load(huge).spec().getChecker().getMemoryLimitMiB()).isEqualTo(8192);
        Path tiny = secret(pkg("validation: custom interactive\nlimits: {validation_memory: 8}\n"), "1");
        write(tiny, "output_validators/guess/validate.cpp", "int main(){return 42;}\n");
        fails(tiny, "limits.validation_memory 8 MiB", "16 MiB");
    }

    @Test
    void interactiveWithoutValidatorAndOtherUnjudgeableKindsAreRefused() throws Exception {
        fails(secret(pkg("validation: custom interactive\n"), "1"), "no output_validators/");
        fails(secret(pkg("problem_format_version: 2023-07-draft\ntype: [pass-fail, interactive]\n"), "1"),
                "an interactive problem needs its output validator");
        fails(secret(pkg("type: multi-pass\n"), "1"), "multi-pass");
        fails(secret(pkg("validation: custom\n"), "1"), "no output_validators/");
        fails(secret(pkg("validation: sometimes\n"), "1"), "must start with default or custom");
    }

    @Test
    void brokenTestDataIsReportedByPath() throws Exception {
        Path p = pkg("name: X\n");
        write(p, "data/secret/1.in", "");
        fails(p, "data/secret/1.in has no matching data/secret/1.ans");
        fails(pkg("name: X\n"), "neither a KubeJudge problem");
        Path q = pkg("name: X\n");
        Files.createDirectories(q.resolve("data/sample"));
        fails(q, "data/secret/: missing");
        Path r = pkg("name: X\n");
        Files.createDirectories(r.resolve("data/secret"));
        fails(r, "data/secret/: no test cases");
        Path s = secret(pkg("name: X\n"), "1");
        test(s, "data/sample/sub", "1", "", "");
        fails(s, "data/sample must not contain test groups");
        Path t = secret(pkg("name: X\n"), "1");
        Files.createDirectories(t.resolve("data/secret/1.files"));
        fails(t, ".files directories) are not supported");
        Path u = secret(pkg("name: X\n"), "1");
        test(u, "data/secret/1", "2", "", "");
        fails(u, "a test case and a test group have the same name");
    }

    @Test
    void legacyValidatorsAreOneDirectoryOrFile() throws Exception {
        Path p = secret(pkg("validation: custom\n"), "1");
        write(p, "output_validators/a/a.cpp", "int main(){return 42;}\n");
        write(p, "output_validators/b/b.cpp", "int main(){return 42;}\n");
        fails(p, "output_validators/: holds 2 validators");
        Path q = secret(pkg("validation: custom\n"), "1");
        write(q, "output_validators/check.py", "import sys\nsys.exit(42)\n");
        Problem loaded = ProblemLoader.load(q);
        assertThat(loaded.spec().getChecker().getProgram().getLanguage()).isEqualTo(Language.PYTHON);
        assertThat(loaded.checkerSource()).isEqualTo(q.resolve("output_validators/check.py"));
        Path r = secret(pkg("validation: custom\n"), "1");
        write(r, "output_validators/v/__main__.py", "import helper\n");
        write(r, "output_validators/v/helper.py", "import sys\nsys.exit(42)\n");
        assertThat(ProblemLoader.load(r).checkerSource()).isDirectory();
        Path s = secret(pkg("validation: custom\n"), "1");
        write(s, "output_validators/v/a.cpp", "int main(){return 42;}\n");
        write(s, "output_validators/v/b.cpp", "int x;\n");
        fails(s, "2 C/C++ source files");
    }

    @Test
    void languagesMapToTheOnesKubeJudgeJudges() throws Exception {
        Problem p = ProblemLoader.load(secret(pkg("languages: [cpp, python3, kotlin]\n"), "1"));
        assertThat(p.spec().getLanguages()).containsExactly(Language.CPP, Language.PYTHON);
        assertThat(ProblemLoader.load(secret(pkg("languages: all\n"), "1")).spec().getLanguages()).isEmpty();
        fails(secret(pkg("languages: [kotlin]\n"), "1"), "include none KubeJudge judges");
    }

    @Test
    void longOrClashingTestNamesStayValidAndUnique() throws Exception {
        Path p = pkg("name: Long\n");
        String deep = "data/secret/" + "g".repeat(40) + "/" + "h".repeat(40);
        test(p, deep, "1", "", "");
        test(p, deep, "2", "", "");
        test(p, "data/secret/a-b", "c", "", "");
        test(p, "data/secret/a", "b-c", "", "");
        Problem loaded = ProblemLoader.load(p);
        List<String> names = loaded.spec().getTests().stream().map(TestCase::getName).toList();
        assertThat(names).doesNotHaveDuplicates().hasSize(4);
        assertThat(names).allMatch(n -> ProblemSpecRules.TEST_NAME.matcher(n).matches());
        assertThat(names).contains("secret-a-b-c");
        for (TestCase t : loaded.spec().getTests()) {
            assertThat(loaded.input(t)).exists();
        }
    }

    private static Map<String, GradingGroup> gradingGroups(Problem p) {
        Map<String, GradingGroup> out = new java.util.HashMap<>();
        p.spec().getGradingGroups().forEach(g -> out.put(g.getPath(), g));
        return out;
    }

    private static List<TestResult> allAccepted(Problem p) {
        return p.spec().getTests().stream()
                .map(t -> new TestResult(t.getName(), Verdict.ACCEPTED, 1L, 1L, 0, null, t.getPoints(), null)).toList();
    }
}
