package io.kubejudge.runner.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void languageComesFromTheExtension() {
        assertThat(Languages.byFileName("a.c")).contains(Language.C);
        assertThat(Languages.byFileName("a.cpp")).contains(Language.CPP);
        assertThat(Languages.byFileName("a.cc")).contains(Language.CPP);
        assertThat(Languages.byFileName("A.CXX")).contains(Language.CPP);
        assertThat(Languages.byFileName("a.c++")).as("C++17, listed before C++20").contains(Language.CPP);
        assertThat(Languages.byFileName("Main.java")).contains(Language.JAVA);
        assertThat(Languages.byFileName("sol.py")).contains(Language.PYTHON);
        assertThat(Languages.byFileName("main.go")).contains(Language.GO);
        assertThat(Languages.byFileName("main.rs")).isEmpty();
        assertThat(Languages.byFileName("Makefile")).isEmpty();
    }

    @Test
    void everyLanguageIsDefined() {
        for (Language l : Language.values()) {
            LanguageDefinition d = Languages.of(l);
            assertThat(d.language()).isEqualTo(l);
            assertThat(d.versionCommand()).isNotEmpty();
            assertThat(d.timeMultiplier()).isBetween(0.1, 10.0);
            assertThat(d.memoryMultiplier()).isBetween(0.1, 10.0);
        }
    }

    @Test
    void runtimesThatReserveAddressSpaceAreJudgedByResidentMemory() {
        assertThat(Languages.of(Language.JAVA).addressSpaceLimited()).isFalse();
        assertThat(Languages.of(Language.GO).addressSpaceLimited()).isFalse();
        assertThat(Languages.of(Language.C).addressSpaceLimited()).isTrue();
        assertThat(Languages.of(Language.CPP).addressSpaceLimited()).isTrue();
        assertThat(Languages.of(Language.PYTHON).addressSpaceLimited()).isTrue();
    }

    @Test
    void javaGetsHeapAndStackFromTheLimits() {
        var cmd = Languages.of(Language.JAVA).runCommand(Path.of("/w/build"), "Main", new LanguageDefinition.RuntimeSize(262144, 262144));
        assertThat(cmd).contains("-Xmx262144k", "-Xss262144k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", "/w/build", "Main");
        assertThat(cmd.get(0)).startsWith("/");
    }

    @Test
    void goRunsSingleThreadedAndKnowsItsMemoryLimit() {
        var env = Languages.of(Language.GO).runEnvironment(Path.of("/w/scratch"), new LanguageDefinition.RuntimeSize(65536, 65536));
        assertThat(env).containsEntry("GOMAXPROCS", "1").containsEntry("GOMEMLIMIT", "65536KiB").containsEntry("HOME", "/w/scratch");
        var compileEnv = Languages.of(Language.GO).compileEnvironment(Path.of("/w/build"));
        assertThat(compileEnv).containsEntry("GOPROXY", "off").containsEntry("CGO_ENABLED", "0")
                .containsEntry("GOCACHE", "/w/build/.gocache");
    }

    @Test
    void compilersUseTheDocumentedFlags() {
        var c = Languages.of(Language.C).compileCommand(java.util.List.of(Path.of("/s/main.c")), Path.of("/b"), "main.c");
        assertThat(c).contains("-std=gnu17", "-O2", "-lm", "/b/.kj-support.c");
        var cpp = Languages.of(Language.CPP).compileCommand(java.util.List.of(Path.of("/s/main.cpp")), Path.of("/b"), "main.cpp");
        assertThat(cpp).contains("-std=gnu++17", "-O2", "-lm");
        var cpp20 = Languages.of(Language.CPP20).compileCommand(java.util.List.of(Path.of("/s/main.cpp")), Path.of("/b"), "main.cpp");
        assertThat(cpp20).contains("-std=gnu++20", "-O2", "-lm");
    }
}
