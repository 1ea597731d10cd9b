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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No submission, however odd, crashes the runner or ends as SystemError: each of these gets a
 * verdict, and a source that cannot be compiled a CompileError whose message says what to change.
 */
class OddSourcesTest {

    @TempDir
    static Path dir;
    static Problem problem;

    static final Map<Language, String> PRINTS_OK = Map.of(
            Language.C, "#include <stdio.h>\nint main(void) {\n    puts(\"ok\");\n    return 0;\n}\n",
            Language.CPP, "#include <iostream>\nint main() {\n    std::cout << \"ok\" << std::endl;\n}\n",
            Language.JAVA, "public class Main {\n    public static void main(String[] args) {\n        System.out.println(\"ok\");\n    }\n}\n",
            Language.PYTHON, "print('ok')\n",
            Language.GO, "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"ok\")\n}\n");

    /** One odd source: what is submitted, the verdict it must get, and a word its message must contain. */
    record Case(Language language, String name, String source, Verdict verdict, String messageContains) {
        @Override
        public String toString() {
            return language.id() + ": " + name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        for (Language l : Language.values()) {
            String ok = EveryVerdictEveryLanguageTest.source(PRINTS_OK, l);
            String comment = l == Language.PYTHON ? "#" : "//";
            cases.add(new Case(l, "empty file", "", Verdict.COMPILE_ERROR, "empty"));
            cases.add(new Case(l, "blank file", " \n\t\n", Verdict.COMPILE_ERROR, "empty"));
            cases.add(new Case(l, "binary bytes", "\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000\ufffd\u0003\u0000>", Verdict.COMPILE_ERROR, "binary"));
            cases.add(new Case(l, "byte order mark", "\ufeff" + ok, Verdict.ACCEPTED, null));
            cases.add(new Case(l, "CRLF line ends", ok.replace("\n", "\r\n"), Verdict.ACCEPTED, null));
            cases.add(new Case(l, "huge source (2 MiB of comments)", ok + (comment + " padding padding padding\n").repeat(80_000), Verdict.ACCEPTED, null));
            cases.add(new Case(l, "non-ASCII text", comment + " Ünïcödé, 日本語, emoji 🎈\n" + ok, Verdict.ACCEPTED, null));
        }
        cases.add(new Case(Language.JAVA, "class named in Cyrillic",
                "public class Решение {\n    public static void main(String[] args) {\n        System.out.println(\"ok\");\n    }\n}\n", Verdict.ACCEPTED, null));
        cases.add(new Case(Language.JAVA, "class name too long for a file name",
                "public class A" + "b".repeat(300) + " {\n    public static void main(String[] args) {\n        System.out.println(\"ok\");\n    }\n}\n",
                Verdict.COMPILE_ERROR, "shorter"));
        cases.add(new Case(Language.JAVA, "package line",
                "package contest.solution;\n\nimport java.util.*;\n\npublic class Main {\n    public static void main(String[] args) {\n        System.out.println(\"ok\");\n    }\n}\n", Verdict.ACCEPTED, null));
        cases.add(new Case(Language.JAVA, "main in a class that is not public",
                "import java.io.*;\nclass Helper { }\nclass Solution {\n    public static void main(String[] args) {\n        System.out.println(\"ok\");\n    }\n}\n", Verdict.ACCEPTED, null));
        cases.add(new Case(Language.JAVA, "package line, main in a class that is not public",
                "package contest;\n\nclass Solution {\n    public static void main(String[] args) {\n        System.out.println(\"ok\");\n    }\n}\n", Verdict.ACCEPTED, null));
        cases.add(new Case(Language.JAVA, "no class at all", "interface Nothing { }\n", Verdict.COMPILE_ERROR, "main"));
        cases.add(new Case(Language.GO, "package not main",
                "package solution\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"ok\")\n}\n", Verdict.COMPILE_ERROR, "package main"));
        cases.add(new Case(Language.GO, "no main function", "package main\n\nfunc helper() {}\n", Verdict.COMPILE_ERROR, "main"));
        cases.add(new Case(Language.PYTHON, "Python 2 print", "print 'ok'\n", Verdict.COMPILE_ERROR, "print"));
        cases.add(new Case(Language.C, "no main function", "int helper(void) { return 1; }\n", Verdict.COMPILE_ERROR, "main"));
        return cases.stream().map(Arguments::of);
    }

    @BeforeAll
    static void makeProblem() throws Exception {
        Containment.require();
        problem = Fixtures.problem().timeLimitMs(2000).memoryLimitMiB(128).test("t", "", "ok\n").build(dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void getsAVerdict(Case c) throws Exception {
        JudgeResult result = Fixtures.judge(problem, c.language(), c.source());
        assertThat(result.verdict()).as(Json.write(result)).isEqualTo(c.verdict());
        if (c.messageContains() != null) {
            assertThat(result.compile().message()).as(Json.write(result)).containsIgnoringCase(c.messageContains());
        }
    }
}
