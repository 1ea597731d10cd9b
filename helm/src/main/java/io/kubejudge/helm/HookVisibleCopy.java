package io.kubejudge.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * helm-java's template leaves the hooks out of its output (the helm binary prints them after the
 * manifests). So the chart is rendered from a temporary copy whose templates carry the hook
 * annotations under another key, which makes Helm treat them as plain objects; the output gets its
 * {@code helm.sh/hook} annotations back and the hooks are moved last, as {@code helm template}
 * prints them.
 */
final class HookVisibleCopy {
    private static final String HOOK = "helm.sh/hook";
    private static final String HIDDEN = "kubejudge.io/helm-java-hidden-hook";
    private static final Pattern DOCUMENT = Pattern.compile("(?m)^---[ \\t]*$");

    private HookVisibleCopy() {
    }

    static Path of(Path chart) {
        try {
            Path copy = Files.createTempDirectory("kubejudge-chart");
            ChartCopy.copy(chart, copy, template -> template.replace(HOOK, HIDDEN));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("copying the chart " + chart, e);
        }
    }

    /**
     * The rendered output with the hooks' annotations restored and the hooks after the other
     * objects, or without the hooks.
     */
    static String restoreHooks(String rendered, boolean withHooks) {
        List<String> objects = new ArrayList<>();
        List<String> hooks = new ArrayList<>();
        for (String document : DOCUMENT.split(rendered)) {
            if (document.isBlank()) {
                continue;
            }
            String body = document.startsWith("\n") ? document.substring(1) : document;
            (body.contains(HIDDEN) ? hooks : objects).add(body.replace(HIDDEN, HOOK));
        }
        StringBuilder out = new StringBuilder();
        Stream.concat(objects.stream(), withHooks ? hooks.stream() : Stream.<String>empty()).forEach(d -> {
            out.append("---\n").append(d);
            if (!d.endsWith("\n")) {
                out.append('\n');
            }
        });
        return out.toString();
    }
}
