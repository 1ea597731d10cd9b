package io.kubejudge.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.judge.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubejudge judge}: its outputs and its exit codes, with a problem directory in KubeJudge's own format. */
class JudgeCommandTest {

    @TempDir
    static Path dir;
    static Path problem;
    static Path good;
    static Path wrong;

    @BeforeAll
    static void files() throws Exception {
        problem = Files.createDirectories(dir.resolve("aplusb"));
        Files.writeString(problem.resolve("problem.yaml"), "timeLimitMs: 1000\nmemoryLimitMiB: 64\n");
        Path tests = Files.createDirectories(problem.resolve("tests"));
        Files.writeString(tests.resolve("1.in"), "1 2\n");
        Files.writeString(tests.resolve("1.ans"), "3\n");
        Files.writeString(tests.resolve("2.in"), "-5 5\n");
        Files.writeString(tests.resolve("2.ans"), "0\n");
        good = Files.writeString(dir.resolve("sum.c"), "#include <stdio.h>\nint main(void){long long a,b;scanf(\"%lld %lld\",&a,&b);printf(\"%lld\\n\",a+b);return 0;}\n");
        wrong = Files.writeString(dir.resolve("wrong.py"), "a, b = map(int, input().split())\nprint(a * b)\n");
    }

    @Test
    void jsonOutputIsExactlyOneJudgeResult() throws Exception {
        CliRun run = CliRun.of("judge", problem.toString(), good.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonParser parser = Json.MAPPER.createParser(run.out());
        JsonNode node = Json.MAPPER.readTree(parser);
        assertThat(parser.nextToken()).as("nothing after the object").isNull();
        assertThat(node.fieldNames()).toIterable().contains("verdict", "score", "maxScore", "timeMs", "memoryKiB", "compile", "tests");
        JudgeResult result = Json.MAPPER.treeToValue(node, JudgeResult.class);
        assertThat(result.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(result.score()).isEqualTo(2.0);
        assertThat(result.tests()).extracting(t -> t.name()).containsExactly("1", "2");
        assertThat(node.get("tests").get(0).fieldNames()).toIterable().contains("name", "verdict", "timeMs", "memoryKiB", "exitCode", "points");
    }

    @Test
    void humanOutputIsATableThenTheVerdict() {
        CliRun run = CliRun.of("judge", problem.toString(), wrong.toString());

        assertThat(run.exitCode()).as("a verdict was reached, whatever it is").isZero();
        assertThat(run.out()).containsPattern("(?m)^TEST +VERDICT +TIME +MEMORY +POINTS +MESSAGE$");
        assertThat(run.out()).containsPattern("(?m)^1 +WrongAnswer +\\d+ ms +[0-9.]+ MiB +0 ");
        assertThat(run.out()).contains("Verdict: WrongAnswer   Score: 0/2");
    }

    @Test
    void languageCanBeGivenExplicitly() throws Exception {
        Path noExtension = Files.copy(good, dir.resolve("solution"));
        assertThat(CliRun.of("judge", problem.toString(), noExtension.toString(), "--language", "c", "--json").out())
                .contains("\"verdict\":\"Accepted\"");
    }

    @Test
    void badUsageIsExitCodeTwoWithAClearMessage() throws Exception {
        CliRun unknownExt = CliRun.of("judge", problem.toString(), Files.writeString(dir.resolve("x.rs"), "fn main(){}").toString());
        assertThat(unknownExt.exitCode()).isEqualTo(2);
        assertThat(unknownExt.err()).contains("cannot tell the language of x.rs", ".cpp", "--language");

        CliRun noProblem = CliRun.of("judge", dir.resolve("missing").toString(), good.toString());
        assertThat(noProblem.exitCode()).isEqualTo(2);
        assertThat(noProblem.err()).contains("problem directory", "does not exist");

        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("problem.yaml"), "timeLimitMs: -5\nmemoryLimitMiB: 64\n");
        Files.createDirectories(broken.resolve("tests"));
        Files.writeString(broken.resolve("tests/1.in"), "1 2\n");
        Files.writeString(broken.resolve("tests/1.ans"), "3\n");
        CliRun badProblem = CliRun.of("judge", broken.toString(), good.toString());
        assertThat(badProblem.exitCode()).isEqualTo(2);
        assertThat(badProblem.err()).contains("bad problem directory", "timeLimitMs");

        CliRun badLanguage = CliRun.of("judge", problem.toString(), good.toString(), "--language", "rust");
        assertThat(badLanguage.exitCode()).isEqualTo(2);
        assertThat(badLanguage.err()).contains("unknown language 'rust'");

        CliRun missingArg = CliRun.of("judge", problem.toString());
        assertThat(missingArg.exitCode()).isEqualTo(2);
        assertThat(missingArg.err()).contains("usage: judge <problem-dir> <source>");

        CliRun unknownOption = CliRun.of("judge", problem.toString(), good.toString(), "--fast");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("unknown option --fast");
    }

    @Test
    void versionAndHelp() {
        assertThat(CliRun.of("--version").out()).startsWith("kubejudge judge-runner ");
        CliRun help = CliRun.of("help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("judge <problem-dir> <source>", "compile --submission", "run --submission", "check --submission", "problem <problem-dir>");
        CliRun unknown = CliRun.of("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown command 'frobnicate'");
        assertThat(CliRun.of().exitCode()).isEqualTo(2);
    }
}
