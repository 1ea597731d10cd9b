package io.kubejudge.testsupport.promql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The PromQL of the chart's dashboard ({@code monitoring/dashboard.json}) and alerts
 * ({@code monitoring/alerts.yaml}, its Helm placeholders taken as numbers), checked against what a
 * component really exports.
 */
public final class MonitoringQueries {

    private MonitoringQueries() {
    }

    /** The chart's directory from a module's directory (where Maven runs the tests). */
    public static Path chartDirectory() {
        return Path.of("..", "helm", "kubejudge");
    }

    public static List<String> expressions(Path chart) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode dashboard = new ObjectMapper().readTree(chart.resolve("monitoring/dashboard.json").toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    out.add(target.path("expr").asText());
                }
            }
            // As Helm's tpl renders it: the escaped braces of Prometheus' own templates, and the values as numbers.
            String alerts = Files.readString(chart.resolve("monitoring/alerts.yaml"))
                    .replace("{{ \"{{\" }}", "{{").replace("{{ \"}}\" }}", "}}")
                    .replaceAll("\\{\\{\\s*\\.Values[^}]*}}", "1");
            for (JsonNode rule : new YAMLMapper().readTree(alerts)) {
                out.add(rule.path("expr").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * What in the expressions this exposition does not back: a metric it lacks, a matcher's label or a
     * grouping label none of the expression's metrics has. Metrics {@code elsewhere} accepts belong to
     * another component (checked by its own test) and are left out, with the grouping of their expressions.
     *
     * @throws PromQl.ParseException for an expression that does not parse
     */
    public static List<String> problems(List<String> expressions, Map<String, Set<String>> exposition, Predicate<String> elsewhere) {
        List<String> problems = new ArrayList<>();
        for (String expression : expressions) {
            PromQl.Query q = PromQl.parse(expression);
            Set<String> available = new HashSet<>();
            boolean foreign = false;
            for (PromQl.Selector s : q.selectors()) {
                if (elsewhere.test(s.metric())) {
                    foreign = true;
                    continue;
                }
                Set<String> labels = exposition.get(s.metric());
                if (labels == null) {
                    problems.add(s.metric() + " is not exported (in: " + expression + ")");
                    continue;
                }
                available.addAll(labels);
                for (String label : s.labels()) {
                    if (!labels.contains(label)) {
                        problems.add(s.metric() + " has no label " + label + " (in: " + expression + ")");
                    }
                }
            }
            if (!foreign) {
                for (String label : q.groupingLabels()) {
                    if (!available.contains(label)) {
                        problems.add("no metric of the expression has the label " + label + " it groups by (in: " + expression + ")");
                    }
                }
            }
        }
        return problems;
    }
}
