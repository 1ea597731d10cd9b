package io.kubejudge.runner.language;

import java.util.Optional;

/**
 * What no compiler should be asked to build, said in words that tell the submitter what to
 * change: an empty file, binary data (a compiled program submitted by mistake), and each
 * language's own cases ({@link LanguageDefinition#sourceProblem}).
 */
public final class SourceChecks {

    private static final char BYTE_ORDER_MARK = '\ufeff';

    private SourceChecks() {
    }

    /** Editors on Windows start UTF-8 files with a byte order mark; javac refuses it, the rest ignore it. */
    public static String withoutByteOrderMark(String source) {
        return !source.isEmpty() && source.charAt(0) == BYTE_ORDER_MARK ? source.substring(1) : source;
    }

    public static Optional<String> problem(LanguageDefinition language, String source) {
        if (source.isBlank()) {
            return Optional.of("the source is empty: submit the program's text");
        }
        int nul = source.indexOf('\0');
        if (nul >= 0 || source.startsWith("\u007fELF")) {
            long line = nul < 0 ? 1 : source.substring(0, nul).chars().filter(c -> c == '\n').count() + 1;
            return Optional.of("the source holds binary data (" + (nul < 0 ? "an executable's header" : "a NUL byte")
                    + " on line " + line + "): submit the program's source text, not a compiled file");
        }
        return language.sourceProblem(source);
    }
}
