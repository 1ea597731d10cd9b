package io.kubejudge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart's values schema lists the language ids of the shared enum (generated from the runner's
 * definitions). Update it with {@code -Dkubejudge.updateLanguages=true} (scripts/regenerate-languages.sh).
 */
class ValuesSchemaLanguagesTest {

    static final Path SCHEMA = Path.of("kubejudge/values.schema.json");
    private static final Pattern LANGUAGES = Pattern.compile(
            "(\"languages\": \\{\\s*\"type\": \"array\",\\s*\"maxItems\": )(\\d+)(,\\s*\"uniqueItems\": true,\\s*\"items\": \\{\\s*"
                    + "\"type\": \"string\",\\s*\"enum\": \\[)([^\\]]*)(\\])");

    @Test
    void theLanguageEnumIsTheSharedOne() throws IOException {
        String schema = Files.readString(SCHEMA);
        Matcher m = LANGUAGES.matcher(schema);
        assertThat(m.find()).as("defaultPool.languages in " + SCHEMA).isTrue();
        String indent = "\n" + " ".repeat(14);
        String ids = Arrays.stream(Language.values()).map(l -> indent + "\"" + l.id() + "\"").collect(Collectors.joining(","))
                + "\n" + " ".repeat(12);
        String current = m.group(1) + Language.COUNT + m.group(3) + ids + m.group(5);
        if (Boolean.getBoolean("kubejudge.updateLanguages")) {
            schema = schema.substring(0, m.start()) + current + schema.substring(m.end());
            Files.writeString(SCHEMA, schema);
        }
        assertThat(schema.substring(m.start(), m.start() + current.length()))
                .as(SCHEMA + " lists other languages than the Language enum: regenerate (scripts/regenerate-languages.sh)")
                .isEqualTo(current);
    }
}
