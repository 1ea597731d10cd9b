package io.kubejudge.runner.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The runner image installs every language's toolchain (the one line a new language adds there). */
class RunnerImageToolchainsTest {

    @Test
    void theImageInstallsEveryDefinitionsPackages() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String install = dockerfile.substring(dockerfile.indexOf("apt-get install"), dockerfile.indexOf("&& rm -rf"));
        Set<String> words = Arrays.stream(install.replaceAll("`[^`]*`", " ").split("[\\s\\\\]+")).collect(Collectors.toSet());
        for (LanguageDefinition d : Languages.all()) {
            assertThat(words).as("judge-runner/Dockerfile installs the packages of %s", d.id()).containsAll(d.imagePackages());
        }
    }
}
