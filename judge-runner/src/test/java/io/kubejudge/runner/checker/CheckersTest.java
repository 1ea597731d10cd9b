package io.kubejudge.runner.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.CheckerProgram;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.problem.ProblemLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckersTest {

    static final Path EXAMPLES = Path.of("..", "examples", "problems");

    @TempDir
    Path work;

    private final GccToolchain gcc = new GccToolchain();

    private static Problem problem(Checker checker, Path dataDir, Path checkerSource) {
        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setTimeLimitMs(1000);
        spec.setMemoryLimitMiB(64);
        spec.setChecker(checker);
        spec.setTests(new ArrayList<>(List.of(new TestCase("t", 10))));
        return new Problem("p", spec, dataDir, checkerSource);
    }

    private CheckOutcome judge(OutputChecker checker, Problem problem, String testName, String output) throws IOException {
        Path out = Files.writeString(work.resolve("out-" + System.nanoTime()), output);
        return checker.check(problem.dataDir().resolve(testName + ".in"), out, problem.dataDir().resolve(testName + ".ans"));
    }

    /** A type the CRD (and CheckerTypes) allows but the runner cannot check with would fail every judging of it. */
    @Test
    void everyDeclaredCheckerTypeHasItsClass() {
        assertThat(Checkers.types()).containsExactlyInAnyOrderElementsOf(
                io.kubejudge.model.checker.CheckerTypes.all().stream().map(t -> t.type()).toList());
        assertThat(Checkers.types()).containsExactlyInAnyOrder(Checker.Type.values());
    }

    @Test
    void builtInCheckersFollowTheSpec() throws IOException {
        assertThat(Checkers.forProblem(problem(null, work, null), gcc, work)).isInstanceOf(TokensChecker.class);
        Checker exact = new Checker();
        exact.setType(Checker.Type.EXACT);
        assertThat(Checkers.forProblem(problem(exact, work, null), gcc, work)).isInstanceOf(ExactChecker.class);
        Checker fl = new Checker();
        fl.setType(Checker.Type.FLOAT);
        fl.setAbsoluteEpsilon(0.5);
        Files3 f = new Files3(work, "", "1.4", "1");
        assertThat(f.checkWith(Checkers.forProblem(problem(fl, work, null), gcc, work)).verdict()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void caseAndSpaceFlagsReachTheTokensChecker() throws IOException {
        Checker tokens = new Checker();
        tokens.setCaseSensitive(false);
        tokens.setValidatorFlags("space_change_sensitive");
        OutputChecker checker = Checkers.forProblem(problem(tokens, work, null), gcc, work);
        assertThat(new Files3(work, "", "YES\n", "yes\n").checkWith(checker).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(new Files3(work, "", "yes \n", "yes\n").checkWith(checker).verdict()).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void theExampleSpecialCheckerGivesFullHalfAndNoPoints() throws Exception {
        Problem p = ProblemLoader.load(EXAMPLES.resolve("aplusb-special"));
        OutputChecker checker = Checkers.forProblem(p, gcc, work);
        assertThat(checker).isInstanceOf(TestlibChecker.class);
        assertThat(judge(checker, p, "1", "3 -1\n").verdict()).isEqualTo(Verdict.ACCEPTED);
        CheckOutcome half = judge(checker, p, "1", "3 0\n");
        assertThat(half.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(half.fraction()).isEqualTo(0.5);
        assertThat(judge(checker, p, "1", "4 -1\n").verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(judge(checker, p, "1", "three\n").verdict()).isEqualTo(Verdict.PRESENTATION_ERROR);
    }

    @Test
    void theExampleKattisValidatorJudgesWithItsMessage() throws Exception {
        Problem p = ProblemLoader.load(EXAMPLES.resolve("aplusb-kattis"));
        OutputChecker checker = Checkers.forProblem(p, gcc, work);
        assertThat(checker).isInstanceOf(KattisValidator.class);
        assertThat(judge(checker, p, "secret-05-big", "9223372036854775807\n").verdict()).isEqualTo(Verdict.ACCEPTED);
        CheckOutcome wrong = judge(checker, p, "secret-05-big", "-9223372036854775808\n");
        assertThat(wrong.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(wrong.message()).isEqualTo("expected 9223372036854775807, got -9223372036854775808");
    }

    @Test
    void inThePodTheSourceComesFromTheDataDirectoryByItsKey() throws Exception {
        Problem local = ProblemLoader.load(EXAMPLES.resolve("aplusb-special"));
        Path data = Files.createDirectories(work.resolve("data"));
        Files.copy(local.input(local.spec().getTests().get(0)), data.resolve("1.in"));
        Files.copy(local.answer(local.spec().getTests().get(0)), data.resolve("1.ans"));
        String key = local.spec().getChecker().getProgram().getConfigMapKey();
        Files.copy(local.checkerSource(), data.resolve(key));
        Problem pod = new Problem(local.name(), local.spec(), data, null);
        OutputChecker checker = Checkers.forProblem(pod, gcc, work.resolve("check"));
        assertThat(judge(checker, pod, "1", "3 -1").verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(judge(checker, pod, "1", "3 1").fraction()).isEqualTo(0.5);
    }

    @Test
    void anInlineSourceIsBuiltToo() throws Exception {
        Checker checker = new Checker();
        checker.setType(Checker.Type.SPECIAL);
        CheckerProgram program = new CheckerProgram();
        program.setLanguage(Language.PYTHON);
        program.setSource("import sys\nout = open(sys.argv[2]).read().split()\nsys.exit(0 if out == ['42'] else 1)\n");
        checker.setProgram(program);
        Problem p = problem(checker, work, null);
        OutputChecker built = Checkers.forProblem(p, gcc, work.resolve("check"));
        assertThat(new Files3(work, "", "42", "").checkWith(built).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(new Files3(work, "", "41", "").checkWith(built).verdict()).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void aValidatorWithBuildAndRunScriptsIsBuiltByThem() throws Exception {
        Path pkg = work.resolve("scripted");
        write(pkg.resolve("problem.yaml"), "name: Scripted\nvalidation: custom\n");
        write(pkg.resolve("data/secret/1.in"), "1\n");
        write(pkg.resolve("data/secret/1.ans"), "1\n");
        Path v = pkg.resolve("output_validators/v");
        write(v.resolve("check.c"), "#include <stdio.h>\nint main(void){int x=0; if(scanf(\"%d\",&x)!=1) return 43; return x==1?42:43;}\n");
        write(v.resolve("build"), "#!/bin/sh\nset -e\ncc -O2 -o validator check.c\n");
        write(v.resolve("run"), "#!/bin/sh\nexec \"$(dirname \"$0\")/validator\" \"$@\"\n");
        Files.setPosixFilePermissions(v.resolve("build"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Problem p = ProblemLoader.load(pkg);
        assertThat(Files.isDirectory(p.checkerSource())).isTrue();
        OutputChecker checker = Checkers.forProblem(p, gcc, work.resolve("check"));
        assertThat(judge(checker, p, "secret-1", "1").verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(judge(checker, p, "secret-1", "2").verdict()).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void aCheckerThatDoesNotCompileSaysWhy() throws IOException {
        Checker checker = new Checker();
        checker.setType(Checker.Type.SPECIAL);
        CheckerProgram program = new CheckerProgram();
        program.setLanguage(Language.CPP);
        program.setSource("int main() { return undefined_thing; }\n");
        checker.setProgram(program);
        assertThatThrownBy(() -> Checkers.forProblem(problem(checker, work, null), gcc, work.resolve("check")))
                .isInstanceOf(CheckerBuildException.class)
                .hasMessageContaining("does not compile")
                .hasMessageContaining("undefined_thing");
    }

    @Test
    void aMissingConfigMapKeyIsReportedByName() {
        Checker checker = new Checker();
        checker.setType(Checker.Type.SPECIAL);
        CheckerProgram program = new CheckerProgram();
        program.setLanguage(Language.CPP);
        program.setConfigMapKey("checker.cpp");
        checker.setProgram(program);
        assertThatThrownBy(() -> Checkers.forProblem(problem(checker, work, null), gcc, work.resolve("check")))
                .isInstanceOf(CheckerBuildException.class)
                .hasMessageContaining("'checker.cpp' is missing");
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
