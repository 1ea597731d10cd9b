package io.kubejudge.runner.problem;

import io.kubejudge.model.result.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checker and validator sources: their language from the file name, and C/C++ sources made
 * self-contained. A JudgeProblem carries one checker source (one ConfigMap key), while real
 * Kattis validators often {@code #include "validate.h"} next to them: the local headers are
 * pasted in, with {@code #line} markers so compiler errors still point at the right file.
 */
final class SourceFiles {

    private static final Pattern LOCAL_INCLUDE = Pattern.compile("^\\s*#\\s*include\\s*\"([^\"]+)\"\\s*(//.*)?$");

    private SourceFiles() {
    }

    static Optional<Language> languageOf(Path file) {
        return Language.byFileName(file.getFileName().toString());
    }

    static boolean isHeader(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".h") || name.endsWith(".hpp") || name.endsWith(".hh") || name.endsWith(".hxx");
    }

    /**
     * The source with its local {@code #include "..."} files pasted in, or {@code null} when it
     * has none (then the original file can be used as it is).
     */
    static String bundleLocalIncludes(Path source) throws IOException {
        Set<Path> seen = new HashSet<>();
        seen.add(source.toRealPath());
        StringBuilder out = new StringBuilder();
        boolean changed = append(source, out, seen);
        return changed ? out.toString() : null;
    }

    private static boolean append(Path file, StringBuilder out, Set<Path> seen) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean changed = false;
        String displayName = file.getFileName().toString();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = LOCAL_INCLUDE.matcher(line);
            if (m.matches()) {
                Path included = file.resolveSibling(m.group(1));
                if (Files.isRegularFile(included)) {
                    changed = true;
                    // Include guards and #pragma once make a second inclusion empty anyway.
                    if (seen.add(included.toRealPath())) {
                        out.append("#line 1 \"").append(m.group(1)).append("\"\n");
                        append(included, out, seen);
                        out.append("#line ").append(i + 2).append(" \"").append(displayName).append("\"\n");
                    } else {
                        out.append('\n');
                    }
                    continue;
                }
            }
            if (line.trim().equals("#pragma once")) {
                out.append('\n');
                continue;
            }
            out.append(line).append('\n');
        }
        return changed;
    }
}
