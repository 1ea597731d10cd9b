package io.kubejudge.runner.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Verdict;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensCheckerTest {

    @TempDir
    Path dir;

    private CheckOutcome check(TokensChecker checker, String output, String answer) throws IOException {
        return new Files3(dir, "", output, answer).checkWith(checker);
    }

    @Test
    void whitespaceOfAnyKindAndAmountSeparatesTokens() throws IOException {
        CheckOutcome o = check(new TokensChecker(true), "  1\t2\r\n\n3 \f\u000b", "1 2 3\n");
        assertThat(o.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(o.fraction()).isEqualTo(1.0);
    }

    @Test
    void namesTheFirstDifferingTokenAndItsLine() throws IOException {
        CheckOutcome o = check(new TokensChecker(true), "1 2\n3 5 6\n", "1 2\n3 4 6\n");
        assertThat(o.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(o.message()).isEqualTo("token #4 (line 2): expected '4', got '5'");
    }

    @Test
    void shortAndLongOutputsAreWrong() throws IOException {
        CheckOutcome shorter = check(new TokensChecker(true), "1 2", "1 2 3");
        assertThat(shorter.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(shorter.message()).contains("output ends early").contains("token #3").contains("'3'");
        CheckOutcome longer = check(new TokensChecker(true), "1 2 3 4", "1 2 3");
        assertThat(longer.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(longer.message()).contains("extra output").contains("'4'");
        assertThat(check(new TokensChecker(true), "", "").verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(new TokensChecker(true), "", "x").verdict()).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void caseSensitivityIsAChoice() throws IOException {
        assertThat(check(new TokensChecker(true), "YES", "yes").verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(check(new TokensChecker(false), "YES", "yes").verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(new TokensChecker(false), "YES", "yet").verdict()).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void spaceChangeSensitiveRejectsDifferentWhitespace() throws IOException {
        TokensChecker strict = new TokensChecker(true, true);
        assertThat(check(strict, "1 2\n", "1 2\n").verdict()).isEqualTo(Verdict.ACCEPTED);
        CheckOutcome twoSpaces = check(strict, "1  2\n", "1 2\n");
        assertThat(twoSpaces.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(twoSpaces.message()).contains("whitespace differs before token #2");
        assertThat(check(strict, "1 2", "1 2\n").message()).contains("whitespace differs at the end");
    }

    @Test
    void longAndBinaryTokensAreShownShortAndPrintable() throws IOException {
        String longToken = "x".repeat(10_000);
        CheckOutcome o = check(new TokensChecker(true), longToken + "\u0001", longToken);
        assertThat(o.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(o.message().length()).isLessThan(200);
        assertThat(o.message()).doesNotContain("\u0001");
    }

    @Test
    void comparesTenMegabytesWellUnderASecond() throws IOException {
        Path answer = dir.resolve("big.ans");
        Path output = dir.resolve("big.out");
        Random random = new Random(1);
        try (BufferedWriter a = Files.newBufferedWriter(answer, StandardCharsets.US_ASCII);
             BufferedWriter o = Files.newBufferedWriter(output, StandardCharsets.US_ASCII)) {
            while (Files.size(answer) < 10_000_000) {
                for (int i = 0; i < 10_000; i++) {
                    String n = Long.toString(random.nextLong());
                    a.write(n);
                    a.write(i % 10 == 9 ? '\n' : ' ');
                    o.write(n);
                    o.write(i % 7 == 6 ? "\r\n" : "  ");
                }
                a.flush();
                o.flush();
            }
        }
        TokensChecker checker = new TokensChecker(true);
        // Best of three: the first run includes JIT compilation, and the machine may be busy.
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            CheckOutcome o = checker.check(answer, output, answer);
            best = Math.min(best, (System.nanoTime() - start) / 1_000_000);
            assertThat(o.verdict()).isEqualTo(Verdict.ACCEPTED);
        }
        assertThat(best).as("milliseconds to compare 10 MB").isLessThan(1000);
    }
}
