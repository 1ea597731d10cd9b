package io.kubejudge.runner.language;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the shared {@code io.kubejudge.model.result.Language} enum (module crds) from the
 * definitions in this package: the one place where the list of languages comes from.
 */
final class LanguageEnumSource {

    static final Path ENUM_FILE = Path.of("../crds/src/main/java/io/kubejudge/model/result/Language.java");

    private LanguageEnumSource() {
    }

    /** Every concrete definition class in this package, ordered by id (.cpp then selects C++17, not C++20). */
    static List<LanguageDefinition> discover() throws IOException {
        Path dir;
        try {
            dir = Path.of(LanguageDefinition.class.getResource("LanguageDefinition.class").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> LanguageDefinition.class.getPackageName() + "." + n.substring(0, n.length() - ".class".length()))
                    .map(LanguageEnumSource::load)
                    .filter(c -> LanguageDefinition.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()))
                    .map(c -> Languages.instantiate(c.getName()))
                    .sorted(Comparator.comparing(LanguageDefinition::id))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static String constantName(String id) {
        return id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    static String generate(List<LanguageDefinition> definitions) {
        String constants = definitions.stream().map(d -> "    @JsonProperty(%s) %s(%s, %s, List.of(%s), %s, %s, %s,\n            %s)".formatted(
                        quote(d.id()), constantName(d.id()), quote(d.id()), quote(d.displayName()),
                        d.extensions().stream().map(LanguageEnumSource::quote).collect(Collectors.joining(", ")),
                        quote(d.defaultFileName()), d.timeMultiplier(), d.memoryMultiplier(), quote(d.getClass().getName())))
                .collect(Collectors.joining(",\n"));
        return TEMPLATE.replace("%CONSTANTS%", constants).replace("%COUNT%", String.valueOf(definitions.size()));
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static final String TEMPLATE = """
            // GENERATED from judge-runner's language definitions (io.kubejudge.runner.language): do not edit.
            // A language is one new definition there; then regenerate this file (docs/languages.md).
            package io.kubejudge.model.result;

            import com.fasterxml.jackson.annotation.JsonProperty;
            import java.util.Arrays;
            import java.util.List;
            import java.util.Locale;
            import java.util.Optional;
            import java.util.stream.Collectors;

            /**
             * The languages KubeJudge judges and the facts every module shares about them: the id used
             * in every resource and request, the file name the operator gives a source, the extensions
             * that select it, and the default multipliers of a problem's limits (a problem's
             * {@code languageLimits} override them). How each is built and run is the runner's alone.
             */
            public enum Language {
            %CONSTANTS%;

                /** How many languages there are: the schema's bound on lists of languages. */
                public static final int COUNT = %COUNT%;

                private final String id;
                private final String displayName;
                private final List<String> extensions;
                private final String defaultFileName;
                private final double timeMultiplier;
                private final double memoryMultiplier;
                private final String runnerDefinition;

                Language(String id, String displayName, List<String> extensions, String defaultFileName,
                         double timeMultiplier, double memoryMultiplier, String runnerDefinition) {
                    this.id = id;
                    this.displayName = displayName;
                    this.extensions = extensions;
                    this.defaultFileName = defaultFileName;
                    this.timeMultiplier = timeMultiplier;
                    this.memoryMultiplier = memoryMultiplier;
                    this.runnerDefinition = runnerDefinition;
                }

                public String id() {
                    return id;
                }

                /** What people call it, with the standard judged: "C++17 (GNU)". */
                public String displayName() {
                    return displayName;
                }

                /** Extensions (with the dot) that select it; the first names its default file. */
                public List<String> extensions() {
                    return extensions;
                }

                /** The file name a submission's source gets in the judge pod. */
                public String defaultFileName() {
                    return defaultFileName;
                }

                /** Default multiplier of a problem's time limit. */
                public double timeMultiplier() {
                    return timeMultiplier;
                }

                /** Default multiplier of a problem's memory limit. */
                public double memoryMultiplier() {
                    return memoryMultiplier;
                }

                /** The runner's class that builds and runs it. */
                public String runnerDefinition() {
                    return runnerDefinition;
                }

                public static Language fromId(String id) {
                    for (Language l : values()) {
                        if (l.id.equals(id)) {
                            return l;
                        }
                    }
                    throw new IllegalArgumentException("unknown language '" + id + "' (known: " + knownIds() + ")");
                }

                /** The language a file name's extension selects; the first listed wins. */
                public static Optional<Language> byFileName(String fileName) {
                    String lower = fileName.toLowerCase(Locale.ROOT);
                    return Arrays.stream(values()).filter(l -> l.extensions.stream().anyMatch(lower::endsWith)).findFirst();
                }

                /** Every id, for messages: "c, cpp, ...". */
                public static String knownIds() {
                    return Arrays.stream(values()).map(Language::id).collect(Collectors.joining(", "));
                }
            }
            """;
}
