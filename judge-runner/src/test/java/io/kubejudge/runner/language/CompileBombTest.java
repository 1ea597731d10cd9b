package io.kubejudge.runner.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import io.kubejudge.runner.sandbox.Containment;
import io.kubejudge.runner.sandbox.Launcher;
import io.kubejudge.runner.sandbox.ProgramUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compilers are attack surface too: an include of an endless device, exponential templates or
 * a flood of errors must end as a CompileError within the compile limits, and an include of an
 * answer file must fail.
 */
class CompileBombTest {

    @TempDir
    Path dir;

    static Launcher launcher;

    @BeforeAll
    static void contained() throws Exception {
        Containment.require();
        launcher = Launcher.local();
    }

    private Compilation compile(Language language, String source, CompileLimits limits) throws Exception {
        LanguageDefinition definition = Languages.of(language);
        Path src = Files.createDirectories(dir.resolve("src"));
        String name = definition.sourceFileName(source);
        Path file = src.resolve(name);
        Files.writeString(file, source);
        return new Compiler(launcher, ProgramUser.forThisProcess(), limits)
                .compile(definition, src, List.of(file), name, Files.createDirectories(dir.resolve("build")), dir.resolve("state"));
    }

    @Test
    void includingAnEndlessDeviceFailsAtOnce() throws Exception {
        long start = System.nanoTime();
        Compilation urandom = compile(Language.C, "#include \"/dev/urandom\"\nint main(void) { return 0; }\n", CompileLimits.DEFAULT);
        Compilation zero = compile(Language.CPP, "#include \"/dev/zero\"\nint main() { }\n", CompileLimits.DEFAULT);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(urandom.success()).isFalse();
        assertThat(urandom.message()).contains("/dev/urandom");
        assertThat(zero.success()).isFalse();
        assertThat(zero.message()).contains("/dev/zero");
        assertThat(elapsedMs).isLessThan(10_000);
    }

    @Test
    void answersCannotBeIncluded() throws Exception {
        Path answers = Files.createDirectories(dir.resolve("answers"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path answer = answers.resolve("1.ans");
        Files.writeString(answer, "int secret_answer_marker = 42;\n");
        Files.setPosixFilePermissions(answer, PosixFilePermissions.fromString("rw-r--r--"));

        Compilation c = compile(Language.C, "#include \"" + answer + "\"\nint main(void) { return secret_answer_marker; }\n", CompileLimits.DEFAULT);

        assertThat(c.success()).isFalse();
        assertThat(c.message()).contains("1.ans").doesNotContain("= 42");
    }

    @Test
    void exponentialTemplatesStopAtTheCompileLimits() throws Exception {
        String bomb = """
                template <class... T> struct List {};
                template <int N, class... T> struct Double { using type = typename Double<N - 1, T..., T...>::type; };
                template <class... T> struct Double<0, T...> { using type = List<T...>; };
                Double<40, int>::type boom;
                int main() { }
                """;
        // Smaller than the defaults so the test is quick; the mechanism is the same.
        CompileLimits limits = new CompileLimits(3_000, 6_000, 512 * 1024, 64 * 1024, 8 * 1024, 128);
        long start = System.nanoTime();
        Compilation c = compile(Language.CPP, bomb, limits);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(c.success()).isFalse();
        assertThat(c.message()).containsAnyOf("compilation exceeded its time limit", "compilation exceeded its memory limit");
        assertThat(elapsedMs).isLessThan(15_000);
    }

    @Test
    void aFloodOfErrorsIsTruncated() throws Exception {
        StringBuilder src = new StringBuilder("int main(void) {\n");
        for (int i = 0; i < 3000; i++) {
            src.append("  undeclared_variable_number_").append(i).append(" = ").append(i).append(";\n");
        }
        src.append("}\n");

        Compilation c = compile(Language.C, src.toString(), CompileLimits.DEFAULT);

        assertThat(c.success()).isFalse();
        assertThat(c.message()).startsWith("main.c:").endsWith("... (truncated)");
        assertThat(c.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8 * 1024 + 20);
        assertThat(c.message()).doesNotContain(dir.toString());
    }

    @Test
    void defaultLimitsAreTheDocumentedOnes() {
        assertThat(CompileLimits.DEFAULT.cpuMs()).isEqualTo(15_000);
        assertThat(CompileLimits.DEFAULT.wallMs()).isEqualTo(30_000);
        assertThat(CompileLimits.DEFAULT.memoryKiB()).isEqualTo(1024 * 1024);
        assertThat(CompileLimits.DEFAULT.messageBytes()).isEqualTo(8 * 1024);
    }
}
