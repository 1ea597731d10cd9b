package io.kubejudge.e2e;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.JudgeProblem;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import java.util.ArrayList;
import java.util.List;

/**
 * A problem small enough to judge fast, for the scenarios about admission and failures rather than
 * about judging: "print a + b", tests inline in the resource. And sources for it.
 */
final class TinyProblem {

    static final String C_ACCEPTED = """
            #include <stdio.h>
            int main(void) { long long a, b; if (scanf("%lld %lld", &a, &b) != 2) return 1; printf("%lld\\n", a + b); return 0; }
            """;
    static final String C_WRONG = """
            #include <stdio.h>
            int main(void) { long long a, b; if (scanf("%lld %lld", &a, &b) != 2) return 1; printf("%lld\\n", a + b + 1); return 0; }
            """;
    static final String PYTHON_ACCEPTED = "import sys\na, b = map(int, sys.stdin.read().split())\nprint(a + b)\n";
    static final String PYTHON_WRONG = "import sys\na, b = map(int, sys.stdin.read().split())\nprint(a - b)\n";

    private TinyProblem() {
    }

    static JudgeProblem named(String name, int tests) {
        JudgeProblem problem = new JudgeProblem();
        problem.getMetadata().setName(name);
        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setTitle("a + b, " + tests + " inline tests");
        spec.setTimeLimitMs(1000);
        spec.setMemoryLimitMiB(64);
        spec.setOutputLimitMiB(1);
        Checker checker = new Checker();
        checker.setType(Checker.Type.TOKENS);
        spec.setChecker(checker);
        List<TestCase> cases = new ArrayList<>();
        for (int i = 1; i <= tests; i++) {
            TestCase t = new TestCase("t" + i, 1.0);
            t.setInput(i + " " + (i * 7) + "\n");
            t.setAnswer((i + i * 7) + "\n");
            cases.add(t);
        }
        spec.setTests(cases);
        problem.setSpec(spec);
        return problem;
    }

    static String accepted(Language language) {
        return switch (language) {
            case C -> C_ACCEPTED;
            case PYTHON -> PYTHON_ACCEPTED;
            default -> throw new IllegalArgumentException("no tiny source in " + language);
        };
    }
}
