package io.kubejudge.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Temporary copies of a chart: helm-java reads a chart only from a directory. */
final class ChartCopy {

    private ChartCopy() {
    }

    /** Copies every file of {@code chart} below {@code target}, the templates' text through {@code templates}. */
    static void copy(Path chart, Path target, UnaryOperator<String> templates) throws IOException {
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : files.toList()) {
                Path relative = chart.relativize(file);
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else if (relative.startsWith("templates")) {
                    Files.writeString(to, templates.apply(Files.readString(file)));
                } else {
                    Files.copy(file, to);
                }
            }
        }
    }

    static void delete(Path copy) {
        try (Stream<Path> files = Files.walk(copy)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: nothing depends on it
        }
    }
}
