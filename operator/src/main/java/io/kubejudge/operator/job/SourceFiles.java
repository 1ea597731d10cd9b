package io.kubejudge.operator.job;

import io.kubejudge.model.result.Language;

/** The file name a submission's source gets in the pod, by language. */
public final class SourceFiles {
    private SourceFiles() {
    }

    /**
     * The language's default file name (Java's is {@code Main.java}: the runner compiles it under
     * the name of its public class, taken from the source, so the name here only has to end in
     * {@code .java}).
     */
    public static String fileName(Language language) {
        return language.defaultFileName();
    }
}
