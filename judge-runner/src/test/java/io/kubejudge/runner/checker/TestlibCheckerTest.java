package io.kubejudge.runner.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.language.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real checker compiled with g++ that does what the output asks: the output's first word picks
 * the exit code and what it prints, so one binary exercises the whole protocol.
 */
class TestlibCheckerTest {

    private static final String CHECKER = """
            #include <cstdio>
            #include <cstdlib>
            #include <cstring>
            #include <fstream>
            #include <string>
            #include <unistd.h>
            int main(int argc, char** argv) {
                if (argc != 4) { std::fprintf(stderr, "FAIL argc=%d\\n", argc); return 3; }
                std::ifstream in(argv[1]), out(argv[2]), ans(argv[3]);
                std::string input, what, expected, arg;
                in >> input; ans >> expected; out >> what >> arg;
                if (input != "input-marker" || expected != "answer-marker") { std::fprintf(stderr, "FAIL files swapped\\n"); return 3; }
                if (what == "ok") { std::fprintf(stderr, "ok 1 number\\n"); return 0; }
                if (what == "wa") { std::fprintf(stderr, "wrong answer expected 3, found 4\\n"); return 1; }
                if (what == "pe") { std::fprintf(stderr, "wrong output format expected int\\n"); return 2; }
                if (what == "fail") { std::fprintf(stderr, "FAIL jury answer is broken\\n"); return 3; }
                if (what == "points") { std::fprintf(stderr, "points %s partially right\\n", arg.c_str()); return 7; }
                if (what == "nopoints") { std::fprintf(stderr, "partially right\\n"); return 7; }
                if (what == "crash") { std::abort(); }
                if (what == "sleep") { sleep(30); return 0; }
                if (what == "chatty") { for (int i = 0; i < 200000; i++) std::fprintf(stderr, "wrong answer blah blah blah\\n"); return 1; }
                return 42;
            }
            """;

    private static Toolchain.Program program;

    @TempDir
    Path dir;

    @BeforeAll
    static void build(@TempDir Path buildDir) throws Exception {
        Path src = Files.writeString(buildDir.resolve("checker.cpp"), CHECKER);
        program = new GccToolchain().build(Language.CPP, src, buildDir.resolve("out"));
    }

    private CheckOutcome check(String output) throws IOException {
        return new Files3(dir, "input-marker\n", output, "answer-marker\n").checkWith(new TestlibChecker(program, Duration.ofSeconds(2)));
    }

    @Test
    void exitCodesMapToVerdicts() throws IOException {
        CheckOutcome ok = check("ok");
        assertThat(ok.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(ok.fraction()).isEqualTo(1.0);
        assertThat(ok.message()).isEqualTo("ok 1 number");
        CheckOutcome wa = check("wa");
        assertThat(wa.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(wa.message()).isEqualTo("wrong answer expected 3, found 4");
        assertThat(check("pe").verdict()).isEqualTo(Verdict.PRESENTATION_ERROR);
    }

    @Test
    void exitSevenGivesTheShareFromThePointsLine() throws IOException {
        CheckOutcome half = check("points 0.5");
        assertThat(half.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(half.fraction()).isEqualTo(0.5);
        assertThat(half.message()).isEqualTo("points 0.5 partially right");
        assertThat(check("points 1").fraction()).isEqualTo(1.0);
        assertThat(check("points 2.5e-1").fraction()).isEqualTo(0.25);
        CheckOutcome zero = check("points 0");
        assertThat(zero.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(zero.fraction()).isEqualTo(0.0);
    }

    @Test
    void aBrokenCheckerIsASystemErrorNotTheSubmissionsFault() throws IOException {
        assertThat(check("points 1.5").verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(check("points 1.5").message()).contains("outside 0..1");
        assertThat(check("points -1").verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(check("nopoints").verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        CheckOutcome fail = check("fail");
        assertThat(fail.verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(fail.message()).contains("jury answer is broken");
        assertThat(check("crash").verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(check("other").message()).contains("exited with code 42");
    }

    @Test
    void aHangingCheckerIsKilledAtItsTimeLimit() throws IOException {
        long start = System.nanoTime();
        CheckOutcome o = check("sleep");
        assertThat(o.verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(o.message()).contains("longer than 2 s");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void endlessCheckerOutputIsCappedAndTheMessageShort() throws IOException {
        CheckOutcome o = check("chatty");
        assertThat(o.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(o.message().length()).isLessThanOrEqualTo(Messages.MAX_MESSAGE);
        assertThat(o.message()).startsWith("wrong answer blah");
    }
}
