package io.kubejudge.runner.language;

import io.kubejudge.model.result.Language;
import java.lang.reflect.InvocationTargetException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The languages the runner knows: one definition per entry of the shared {@link Language} enum,
 * which is generated from the definitions in this package and names each one's class.
 */
public final class Languages {

    private static final Map<Language, LanguageDefinition> BY_LANGUAGE = new EnumMap<>(Language.class);

    static {
        for (Language l : Language.values()) {
            BY_LANGUAGE.put(l, instantiate(l.runnerDefinition()));
        }
    }

    private Languages() {
    }

    public static LanguageDefinition of(Language language) {
        return BY_LANGUAGE.get(language);
    }

    /** Every definition, in the enum's order. */
    public static List<LanguageDefinition> all() {
        return List.copyOf(BY_LANGUAGE.values());
    }

    /** The language a file name's extension selects; the first listed wins (.cpp is C++17). */
    public static Optional<Language> byFileName(String fileName) {
        return Language.byFileName(fileName);
    }

    /** Every known extension, for messages. */
    public static String knownExtensions() {
        return String.join(" ", BY_LANGUAGE.values().stream().flatMap(d -> d.extensions().stream()).distinct().toList());
    }

    /** A checker's file name, styled like the language's default file (Main.java gives Checker.java). */
    public static String checkerFileName(Language language) {
        boolean capital = Character.isUpperCase(language.defaultFileName().charAt(0));
        return (capital ? "Checker" : "checker") + language.extensions().get(0);
    }

    static LanguageDefinition instantiate(String className) {
        try {
            return (LanguageDefinition) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException | ClassCastException e) {
            throw new IllegalStateException("the language enum names " + className
                    + ", which is not a language definition of this runner: regenerate it (docs/languages.md)", e);
        }
    }
}
