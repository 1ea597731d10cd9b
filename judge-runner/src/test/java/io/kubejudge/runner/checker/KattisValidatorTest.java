package io.kubejudge.runner.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.language.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real validator (g++) whose behaviour the team output selects. */
class KattisValidatorTest {

    private static final String VALIDATOR = """
            #include <fstream>
            #include <iostream>
            #include <string>
            int main(int argc, char** argv) {
                std::string dir = argv[3];
                if (dir.empty() || dir.back() != '/') return 1;
                std::ifstream in(argv[1]), ans(argv[2]);
                std::string input, expected, what, arg;
                in >> input; ans >> expected;
                if (input != "input-marker" || expected != "answer-marker") return 2;
                std::string flags;
                for (int i = 4; i < argc; i++) flags += std::string(argv[i]) + ";";
                std::cin >> what >> arg;
                if (what == "ok") return 42;
                if (what == "flags") { std::ofstream(dir + "judgemessage.txt") << flags; return 43; }
                if (what == "wa") { std::ofstream(dir + "judgemessage.txt") << "expected 3, got 4\\n"; return 43; }
                if (what == "team") { std::ofstream(dir + "teammessage.txt") << "try harder"; return 43; }
                if (what == "score") { std::ofstream(dir + "score.txt") << arg; return 42; }
                if (what == "multiplier") { std::ofstream(dir + "score_multiplier.txt") << arg; return 42; }
                if (what == "zero") { std::cerr << "validator confused"; return 0; }
                return 43;
            }
            """;

    private static Toolchain.Program program;

    @TempDir
    Path dir;

    @BeforeAll
    static void build(@TempDir Path buildDir) throws Exception {
        Path src = Files.writeString(buildDir.resolve("validator.cpp"), VALIDATOR);
        program = new GccToolchain().build(Language.CPP, src, buildDir.resolve("out"));
    }

    private CheckOutcome check(String output, List<String> flags) throws IOException {
        Files3 f = new Files3(dir, "input-marker\n", output, "answer-marker\n");
        KattisValidator v = new KattisValidator(program, flags, dir.resolve("feedback"),
                answer -> answer.getFileName().toString().equals("t.ans") ? 20.0 : null, Duration.ofSeconds(5));
        return f.checkWith(v);
    }

    private CheckOutcome check(String output) throws IOException {
        return check(output, List.of());
    }

    @Test
    void exit42AcceptsAnd43Rejects() throws IOException {
        CheckOutcome ok = check("ok");
        assertThat(ok.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(ok.fraction()).isEqualTo(1.0);
        CheckOutcome wa = check("wa");
        assertThat(wa.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(wa.message()).isEqualTo("expected 3, got 4");
        assertThat(check("team").message()).isEqualTo("try harder");
    }

    @Test
    void flagsFollowTheFeedbackDirectory() throws IOException {
        CheckOutcome o = check("flags", List.of("case_sensitive", "float_tolerance", "1e-6"));
        assertThat(o.message()).isEqualTo("case_sensitive;float_tolerance;1e-6;");
    }

    @Test
    void otherExitCodesAreTheValidatorsFault() throws IOException {
        CheckOutcome zero = check("zero");
        assertThat(zero.verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(zero.message()).contains("exited with code 0").contains("validator confused");
    }

    @Test
    void scoreFilesGiveAShareOfTheTestsPoints() throws IOException {
        assertThat(check("score 5").fraction()).isEqualTo(0.25);
        assertThat(check("score 20").fraction()).isEqualTo(1.0);
        assertThat(check("score 25").verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(check("multiplier 0.75").fraction()).isEqualTo(0.75);
        assertThat(check("multiplier 2").verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        assertThat(check("score abc").verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
    }

    @Test
    void feedbackDirectoriesAreRemovedAfterEachCheck() throws IOException {
        check("wa");
        check("ok");
        try (Stream<Path> left = Files.list(dir.resolve("feedback"))) {
            assertThat(left).isEmpty();
        }
    }
}
