package io.kubejudge.runner.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.judge.Fixtures;
import io.kubejudge.runner.judge.Json;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.sandbox.Containment;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * C++ allocations that {@code operator new} refuses under the memory limit, however the program
 * then dies, are MemoryLimitExceeded (NativeSupport's new-handler); a crash without one stays a
 * RuntimeError.
 */
class RefusedNewTest {

    @TempDir
    static Path dir;
    static Problem problem;

    @BeforeAll
    static void makeProblem() throws Exception {
        Containment.require();
        problem = Fixtures.problem().timeLimitMs(2000).memoryLimitMiB(128).test("t", "", "ok\n").build(dir);
    }

    private static Verdict verdict(Language language, String source) throws Exception {
        JudgeResult result = Fixtures.judge(problem, language, source);
        Verdict v = Fixtures.test(result, "t").verdict();
        assertThat(v).as(Json.write(result)).isNotNull();
        return v;
    }

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"CPP", "CPP20"})
    void aNullFromNothrowNewThenDereferencedIsMemoryLimitExceeded(Language language) throws Exception {
        assertThat(verdict(language, """
                #include <cstdio>
                #include <new>
                int main() {
                    int *volatile p = new (std::nothrow) int[(std::size_t) 1 << 30];
                    p[12345] = 1;
                    std::printf("%d\\n", p[12345]);
                }
                """)).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
    }

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"CPP", "CPP20"})
    void aCaughtBadAllocTurnedIntoAnExitCodeIsMemoryLimitExceeded(Language language) throws Exception {
        assertThat(verdict(language, """
                #include <new>
                #include <vector>
                int main() {
                    try {
                        std::vector<char> v((std::size_t) 1 << 31, 1);
                        return v[7] == 1 ? 0 : 2;
                    } catch (const std::bad_alloc &) {
                        return 3;
                    }
                }
                """)).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
    }

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"CPP", "CPP20"})
    void aCrashWithoutARefusedAllocationStaysARuntimeError(Language language) throws Exception {
        assertThat(verdict(language, """
                #include <new>
                int main() {
                    int *volatile small = new (std::nothrow) int[16];
                    small[0] = 1;
                    int *volatile p = nullptr;
                    return *p + small[0];
                }
                """)).isEqualTo(Verdict.RUNTIME_ERROR);
    }
}
