package io.kubejudge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.JudgeSubmission;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A report larger than a termination message may be (4 KiB per container): the check step writes a
 * cut summary there and the full report to its log, where the operator reads it through the API.
 */
class LargeReportE2eTest extends E2eScenario {

    private static final int TESTS = 300;

    @BeforeAll
    void problemAndPool() {
        kubejudge.createProblem(TinyProblem.named("many", TESTS));
        kubejudge.createPool("default", 1);
    }

    @Test
    void everyTestOfALargeReportReachesTheStatus() {
        kubejudge.submission("many-tests").problem("many").source(Language.C, TinyProblem.C_ACCEPTED).create();
        JudgeSubmission done = kubejudge.awaitVerdict("many-tests", Verdict.ACCEPTED, Duration.ofMinutes(5));
        assertThat(done.getStatus().getScore()).isEqualTo(TESTS);
        assertThat(done.getStatus().getTests()).hasSize(TESTS)
                .allSatisfy(t -> assertThat(t.verdict()).isEqualTo(Verdict.ACCEPTED));
        assertThat(done.getStatus().getTests().get(TESTS - 1).name()).isEqualTo("t" + TESTS);
    }

    @Test
    void oneWrongTestAmongManyIsReportedByName() {
        // Wrong only for the input "250 1750": the test the cut summary would have dropped.
        String source = """
                #include <stdio.h>
                int main(void) { long long a, b; if (scanf("%lld %lld", &a, &b) != 2) return 1;
                  printf("%lld\\n", a == 250 ? 0 : a + b); return 0; }
                """;
        kubejudge.submission("one-wrong").problem("many").source(Language.C, source).create();
        JudgeSubmission done = kubejudge.awaitVerdict("one-wrong", Verdict.WRONG_ANSWER, Duration.ofMinutes(5));
        assertThat(done.getStatus().getTests()).hasSize(TESTS);
        assertThat(done.getStatus().getTests()).filteredOn(t -> t.verdict() != Verdict.ACCEPTED)
                .singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("t250"));
        assertThat(done.getStatus().getScore()).isEqualTo(TESTS - 1);
    }
}
