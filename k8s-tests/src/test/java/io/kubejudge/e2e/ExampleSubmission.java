package io.kubejudge.e2e;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.testcluster.RepositoryLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A file of {@code examples/submissions/<problem>/}: its problem, language (from the extension) and
 * the verdict it must get, from its name — {@code accepted.c}, {@code wrong-answer.cpp},
 * {@code time-limit.cpp}, {@code compile-error.cpp}, {@code runtime-error.py}, ... — and
 * {@code Main.java} (a Java file is named after its class) is accepted. A file whose name says no
 * verdict fails the scenario, so that no example goes unjudged.
 */
record ExampleSubmission(String problem, Path file, Language language, Verdict expected) {

    static List<ExampleSubmission> all() {
        Path root = RepositoryLayout.root().resolve("examples/submissions");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("README"))
                    .sorted(Comparator.naturalOrder())
                    .map(f -> of(root, f))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExampleSubmission of(Path root, Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        // The first language that takes the extension (.cpp is C++17, not C++20), as the runner picks.
        Language language = Language.byFileName(name)
                .orElseThrow(() -> new IllegalArgumentException(file + ": no language takes this file's extension"));
        return new ExampleSubmission(root.relativize(file).getName(0).toString(), file, language, verdictOf(file, base));
    }

    private static Verdict verdictOf(Path file, String base) {
        String b = base.toLowerCase(Locale.ROOT);
        if (b.startsWith("accepted") || base.equals("Main")) {
            return Verdict.ACCEPTED;
        }
        for (Verdict v : Verdict.values()) {
            String kebab = v.name().toLowerCase(Locale.ROOT).replace('_', '-');
            String shortKebab = kebab.replace("-exceeded", "");
            if (b.startsWith(kebab) || b.startsWith(shortKebab)) {
                return v;
            }
        }
        throw new IllegalArgumentException(file + ": name an example after the verdict it must get "
                + "(accepted, wrong-answer, time-limit, memory-limit, output-limit, runtime-error, compile-error, ...)");
    }

    String source() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource name for it: {@code <problem>-<file name>} in lower case, dots as dashes. */
    String resourceName(String prefix) {
        return (prefix + "-" + problem + "-" + file.getFileName()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }
}
