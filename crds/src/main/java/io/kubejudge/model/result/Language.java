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
    @JsonProperty("c") C("c", "C17 (GNU)", List.of(".c"), "main.c", 1.0, 1.0,
            "io.kubejudge.runner.language.CLanguage"),
    @JsonProperty("cpp") CPP("cpp", "C++17 (GNU)", List.of(".cpp", ".cc", ".cxx", ".c++"), "main.cpp", 1.0, 1.0,
            "io.kubejudge.runner.language.CppLanguage"),
    @JsonProperty("cpp20") CPP20("cpp20", "C++20 (GNU)", List.of(".cpp", ".cc", ".cxx", ".c++"), "main.cpp", 1.0, 1.0,
            "io.kubejudge.runner.language.Cpp20Language"),
    @JsonProperty("go") GO("go", "Go", List.of(".go"), "main.go", 1.0, 1.0,
            "io.kubejudge.runner.language.GoLanguage"),
    @JsonProperty("java") JAVA("java", "Java 17", List.of(".java"), "Main.java", 2.0, 2.0,
            "io.kubejudge.runner.language.JavaLanguage"),
    @JsonProperty("python") PYTHON("python", "Python 3", List.of(".py"), "main.py", 3.0, 1.0,
            "io.kubejudge.runner.language.PythonLanguage");

    /** How many languages there are: the schema's bound on lists of languages. */
    public static final int COUNT = 6;

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
