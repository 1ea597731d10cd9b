package io.kubejudge.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A chart on disk, linted and rendered by Helm's own library (helm-java): the same code as the
 * {@code helm} binary, without needing one.
 */
public final class HelmChart {
    private final Path dir;

    private HelmChart(Path dir) {
        this.dir = dir;
    }

    public static HelmChart at(Path dir) {
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new ChartException(dir + " is not a chart: no Chart.yaml");
        }
        return new HelmChart(dir.toAbsolutePath().normalize());
    }

    /**
     * The KubeJudge chart: the system property {@code kubejudge.chart.dir} (set by this module's
     * build), else helm/kubejudge below the working directory or its parents.
     */
    public static HelmChart kubejudge() {
        String configured = System.getProperty("kubejudge.chart.dir");
        if (configured != null && !configured.isBlank()) {
            return at(Path.of(configured));
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path chart = d.resolve("helm/kubejudge");
            if (Files.isRegularFile(chart.resolve("Chart.yaml"))) {
                return at(chart);
            }
        }
        throw new ChartException("helm/kubejudge not found from " + Path.of("").toAbsolutePath()
                + " (set -Dkubejudge.chart.dir)");
    }

    public Path dir() {
        return dir;
    }

    /** {@code helm lint --strict} with the chart's own values. */
    public LintReport lint() {
        LintResult result = new Helm(dir).lint().strict().call();
        return new LintReport(List.copyOf(result.getMessages()), result.isFailed());
    }

    /**
     * {@code helm lint --strict -f <file>...}, as chart-testing lints each ci/*-values.yaml. helm-java's
     * lint takes no values files, so a temporary copy of the chart is linted whose values.yaml is the
     * chart's with the files merged over it the way Helm merges them ({@link ValuesMerge}).
     */
    public LintReport lint(List<Path> valuesFiles) {
        if (valuesFiles.isEmpty()) {
            return lint();
        }
        // The copy keeps the chart's directory name, inside a temporary directory of its own.
        Path copy = copyWithValues(valuesFiles);
        try {
            LintResult result = new Helm(copy).lint().strict().call();
            return new LintReport(List.copyOf(result.getMessages()), result.isFailed());
        } finally {
            ChartCopy.delete(copy.getParent());
        }
    }

    private Path copyWithValues(List<Path> valuesFiles) {
        try {
            Path copy = Files.createTempDirectory("kubejudge-chart-lint").resolve(dir.getFileName().toString());
            ChartCopy.copy(dir, copy, UnaryOperator.identity());
            Files.writeString(copy.resolve("values.yaml"), ValuesMerge.merged(dir.resolve("values.yaml"), valuesFiles));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("copying the chart " + dir, e);
        }
    }

    /**
     * {@code helm template}: the manifests as text, then the hooks, as the helm binary prints them; a
     * wrong value fails with Helm's message naming it.
     */
    public String template(RenderRequest request) {
        Path setStrings = null;
        Path copy = HookVisibleCopy.of(dir);
        try {
            TemplateCommand command = new Helm(copy).template()
                    .withName(request.releaseName())
                    .withNamespace(request.namespace())
                    .withKubeVersion(request.kubeVersion());
            request.valuesFiles().forEach(command::withValuesFile);
            // helm-java has no --set-string: a values file of strings does the same, after the other files.
            if (!request.setString().isEmpty()) {
                setStrings = writeStringValues(request.setString());
                command.withValuesFile(setStrings);
            }
            request.set().forEach(command::set);
            String rendered;
            try {
                rendered = command.call();
            } catch (RuntimeException e) {
                throw new ChartException("helm template " + dir.getFileName() + ": " + e.getMessage(), e);
            }
            rendered = HookVisibleCopy.restoreHooks(rendered, !request.noHooks());
            return request.includeCrds() ? crds() + rendered : rendered;
        } finally {
            ChartCopy.delete(copy);
            if (setStrings != null) {
                try {
                    Files.deleteIfExists(setStrings);
                } catch (IOException ignored) {
                    // a temporary file: nothing depends on it
                }
            }
        }
    }

    /**
     * NOTES.txt as {@code helm install} prints it (a client-only dry run: no cluster needed); values
     * files and {@code --set} as for {@link #template}.
     */
    public String notes(RenderRequest request) {
        var install = new Helm(dir).install().withName(request.releaseName()).withNamespace(request.namespace())
                .withKubeVersion(request.kubeVersion()).dryRun().clientOnly();
        request.valuesFiles().forEach(install::withValuesFile);
        request.set().forEach(install::set);
        String output;
        try {
            output = install.call().getOutput();
        } catch (RuntimeException e) {
            throw new ChartException("helm install --dry-run " + dir.getFileName() + ": " + e.getMessage(), e);
        }
        int notes = output.indexOf("NOTES:\n");
        return notes < 0 ? "" : output.substring(notes + "NOTES:\n".length());
    }

    /** {@link #template} and the result parsed strictly into fabric8 objects. */
    public Rendering render(RenderRequest request) {
        String manifests = template(request);
        return new Rendering(manifests, new StrictManifests().parse(manifests));
    }

    /** The files of crds/, each a document headed by its source as helm prints it with --include-crds. */
    public String crds() {
        StringBuilder out = new StringBuilder();
        for (Path file : crdFiles()) {
            try {
                out.append("---\n# Source: ").append(dir.getFileName()).append("/crds/").append(file.getFileName()).append('\n')
                        .append(Files.readString(file));
                if (out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    public List<Path> crdFiles() {
        try (Stream<Path> files = Files.list(dir.resolve("crds"))) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** key.sub=value pairs as a nested YAML map of strings (list indexes, a[0], are not supported). */
    private static Path writeStringValues(Map<String, String> values) {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode root = yaml.createObjectNode();
        values.forEach((key, value) -> {
            if (key.contains("[") || key.isBlank()) {
                throw new ChartException("--set-string " + key + ": only dotted keys are supported (no list indexes)");
            }
            List<String> parts = new ArrayList<>(List.of(key.split("\\.")));
            String last = parts.remove(parts.size() - 1);
            ObjectNode node = root;
            for (String part : parts) {
                node = node.has(part) && node.get(part).isObject() ? (ObjectNode) node.get(part) : node.putObject(part);
            }
            node.put(last, value);
        });
        try {
            Path file = Files.createTempFile("kubejudge-set-string", ".yaml");
            yaml.writeValue(file.toFile(), root);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
