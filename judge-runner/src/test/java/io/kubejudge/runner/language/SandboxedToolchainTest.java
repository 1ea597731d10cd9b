package io.kubejudge.runner.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubejudge.model.result.Language;
import io.kubejudge.runner.judge.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkers and validators are built like submissions; what comes out runs as an ordinary program. */
class SandboxedToolchainTest {

    @TempDir
    Path dir;

    private static String run(Toolchain.Program program, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(program.command());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(program.directory().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.strip();
    }

    @Test
    void aCppValidatorWithItsHeaderNextToItBuilds() throws Exception {
        Path src = Files.createDirectories(dir.resolve("output_validators/check"));
        Files.writeString(src.resolve("validate.h"), "#define VERDICT \"from the header\"\n");
        Path main = Files.writeString(src.resolve("validator.cpp"), "#include \"validate.h\"\n#include <cstdio>\nint main(int c, char **v) { std::puts(VERDICT); return 42; }\n");
        // Data next to the checker must not travel with it.
        Files.writeString(src.resolve("secret.ans"), "42\n");

        Toolchain.Program program = Fixtures.steps().toolchain().build(Language.CPP, main, dir.resolve("built"));

        assertThat(run(program)).isEqualTo("from the header");
        try (var copied = Files.list(dir.resolve("built/src"))) {
            assertThat(copied.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("validator.cpp", "validate.h");
        }
    }

    @Test
    void aJavaCheckerSavedUnderAnotherNameIsRenamedAfterItsClass() throws Exception {
        Path main = Files.writeString(dir.resolve("checker.java"),
                "public class Checker { public static void main(String[] a) { System.out.println(\"args \" + a.length); } }\n");

        Toolchain.Program program = Fixtures.steps().toolchain().build(Language.JAVA, main, dir.resolve("built"));

        assertThat(run(program, "in", "out", "ans")).isEqualTo("args 3");
    }

    @Test
    void aPythonCheckerRunsFromItsBuildDirectory() throws Exception {
        Path main = Files.writeString(dir.resolve("check.py"), "import sys\nprint('python', len(sys.argv) - 1)\n");

        Toolchain.Program program = Fixtures.steps().toolchain().build(Language.PYTHON, main, dir.resolve("built"));

        assertThat(run(program, "a", "b")).isEqualTo("python 2");
        assertThat(program.command().get(0)).startsWith("/");
    }

    @Test
    void aBrokenCheckerIsACompileFailureWithTheCompilersWords() throws Exception {
        Path main = Files.writeString(dir.resolve("checker.c"), "int main(void) { return missing; }\n");

        assertThatThrownBy(() -> Fixtures.steps().toolchain().build(Language.C, main, dir.resolve("built")))
                .isInstanceOf(Toolchain.CompileFailure.class)
                .hasMessageContaining("checker.c")
                .hasMessageContaining("missing");
    }
}
