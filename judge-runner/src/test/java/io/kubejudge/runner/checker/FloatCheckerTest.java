package io.kubejudge.runner.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubejudge.model.result.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FloatCheckerTest {

    @TempDir
    Path dir;

    private Verdict check(FloatChecker checker, String output, String answer) throws IOException {
        return new Files3(dir, "", output, answer).checkWith(checker).verdict();
    }

    private static FloatChecker absolute(double eps) {
        return new FloatChecker(eps, null, true, false);
    }

    private static FloatChecker relative(double eps) {
        return new FloatChecker(null, eps, true, false);
    }

    @Test
    void absoluteEpsilonIncludesItsBoundary() throws IOException {
        assertThat(check(absolute(1e-6), "1.000001", "1")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(absolute(1e-6), "0.999999", "1.0")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(absolute(1e-6), "1.0000011", "1")).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(check(absolute(1e-6), "1000000.000001", "1000000")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(absolute(1e-6), "1000000.00001", "1000000")).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void relativeEpsilonScalesWithTheAnswer() throws IOException {
        assertThat(check(relative(1e-6), "1000001", "1000000")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(relative(1e-6), "1000002", "1000000")).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(check(relative(1e-6), "0.0000011", "0.000001")).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(check(relative(1e-6), "0", "0")).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void eitherEpsilonIsEnoughWhenBothAreGiven() throws IOException {
        FloatChecker both = new FloatChecker(1e-6, 1e-6, true, false);
        assertThat(check(both, "1000001", "1000000")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(both, "0.0000015", "0.000001")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(both, "0.0000025", "0.000001")).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void anyDecimalNotationIsAccepted() throws IOException {
        assertThat(check(absolute(1e-9), "3.14000000e-2 +5 -.5 7.", "0.0314 5.0 -0.5 7")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(absolute(1e-9), "1E+2", "100")).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void wordsCompareAsTokensWithTheCaseRule() throws IOException {
        assertThat(check(absolute(0.1), "Case #1: 2.05", "Case #1: 2")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(absolute(0.1), "case #1: 2", "Case #1: 2")).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(check(new FloatChecker(0.1, null, false, false), "case #1: 2", "Case #1: 2")).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void nanInfinityAndHexAreNeverNumbers() throws IOException {
        assertThat(check(absolute(1), "nan", "1.5")).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(check(absolute(1), "NaN", "nan")).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(check(absolute(1), "inf", "inf")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(absolute(1), "Infinity", "1e400")).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(check(absolute(1), "0x10", "16")).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(check(absolute(1), "1e400", "1e400")).isEqualTo(Verdict.ACCEPTED);
        assertThat(check(absolute(1), "1e", "1")).isEqualTo(Verdict.WRONG_ANSWER);
    }

    @Test
    void theMessageShowsTheDifference() throws IOException {
        CheckOutcome o = new Files3(dir, "", "2.5", "2").checkWith(absolute(1e-6));
        assertThat(o.message()).contains("'2'").contains("'2.5'").contains("0.500").contains("1.0E-6");
    }

    @Test
    void needsAnEpsilon() {
        assertThatThrownBy(() -> new FloatChecker(null, null, true, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognizesTheDecimalGrammar() {
        for (String ok : new String[] {"0", "-1", "+1", ".5", "5.", "1.5e10", "1E-3", "00012"}) {
            assertThat(FloatChecker.isDecimal(ok.getBytes(), ok.length())).as(ok).isTrue();
        }
        for (String bad : new String[] {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "inf", "nan", "0x1", "1,5"}) {
            assertThat(FloatChecker.isDecimal(bad.getBytes(), bad.length())).as(bad).isFalse();
        }
    }
}
