package io.kubejudge.runner.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared enum must be what the definitions in this package generate. Regenerate with
 * {@code ./mvnw -o -pl crds,judge-runner test -Dtest=LanguageEnumIsCurrentTest -Dkubejudge.updateLanguages=true
 * -Dsurefire.failIfNoSpecifiedTests=false}, then the CRDs (docs/languages.md).
 */
class LanguageEnumIsCurrentTest {

    @Test
    void committedEnumMatchesTheDefinitions() throws IOException {
        String generated = LanguageEnumSource.generate(LanguageEnumSource.discover());
        if (Boolean.getBoolean("kubejudge.updateLanguages")) {
            Files.writeString(LanguageEnumSource.ENUM_FILE, generated);
        }
        assertThat(Files.readString(LanguageEnumSource.ENUM_FILE))
                .as("crds/.../Language.java is stale: regenerate it (see this test's javadoc)")
                .isEqualTo(generated);
    }

    @Test
    void everyEntryHasItsDefinition() throws IOException {
        List<String> discovered = LanguageEnumSource.discover().stream().map(LanguageDefinition::id).toList();
        assertThat(Arrays.stream(Language.values()).map(Language::id)).containsExactlyElementsOf(discovered);
        for (Language l : Language.values()) {
            LanguageDefinition d = Languages.of(l);
            assertThat(d.language()).isEqualTo(l);
            assertThat(l.defaultFileName()).isEqualTo(d.defaultFileName());
            assertThat(l.memoryMultiplier()).isEqualTo(d.memoryMultiplier());
            assertThat(l.timeMultiplier()).isEqualTo(d.timeMultiplier());
            assertThat(l.extensions()).isEqualTo(d.extensions());
            assertThat(d.id()).matches("[a-z][a-z0-9]*");
        }
    }
}
