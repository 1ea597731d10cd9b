package io.kubejudge.runner.language;

import io.kubejudge.model.result.Language;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The languages the runner knows, by id and by file extension. */
public final class Languages {

    private static final Map<Language, LanguageDefinition> BY_LANGUAGE = new EnumMap<>(Language.class);

    static {
        for (LanguageDefinition d : List.of(new CLanguage(), new CppLanguage(), new JavaLanguage(), new PythonLanguage(), new GoLanguage())) {
            BY_LANGUAGE.put(d.language(), d);
        }
    }

    private Languages() {
    }

    public static LanguageDefinition of(Language language) {
        return BY_LANGUAGE.get(language);
    }

    /** The language a file name's extension selects (.c .cpp .cc .cxx .java .py .go). */
    public static Optional<Language> byFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return BY_LANGUAGE.values().stream()
                .filter(d -> d.extensions().stream().anyMatch(lower::endsWith))
                .map(LanguageDefinition::language)
                .findFirst();
    }

    /** Every known extension, for messages. */
    public static String knownExtensions() {
        return String.join(" ", BY_LANGUAGE.values().stream().flatMap(d -> d.extensions().stream()).toList());
    }
}
