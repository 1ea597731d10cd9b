package io.kubejudge.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The value sets the chart is tested with: its defaults and each file of helm/kubejudge/ci
 * (chart-testing's convention), rendered once per test run.
 */
final class ValueSets {
    static final String DEFAULTS = "defaults";
    private static final Map<String, Rendering> RENDERED = new ConcurrentHashMap<>();

    private ValueSets() {
    }

    static HelmChart chart() {
        return HelmChart.kubejudge();
    }

    /** "defaults" and the ci/*-values.yaml file names. */
    static List<String> names() {
        List<String> names = new ArrayList<>(List.of(DEFAULTS));
        try (Stream<Path> files = Files.list(chart().dir().resolve("ci"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("-values.yaml")).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The chart rendered (release kubejudge in namespace kubejudge) with one value set. */
    static Rendering render(String name) {
        return RENDERED.computeIfAbsent(name, n -> chart().render(request(n)));
    }

    static RenderRequest request(String name) {
        RenderRequest request = RenderRequest.release("kubejudge").namespace("kubejudge");
        return DEFAULTS.equals(name) ? request : request.values(chart().dir().resolve("ci").resolve(name));
    }
}
