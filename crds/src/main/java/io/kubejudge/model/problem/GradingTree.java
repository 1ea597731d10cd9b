package io.kubejudge.model.problem;

import io.kubejudge.model.v1alpha1.GradingGroup;
import io.kubejudge.model.v1alpha1.GradingGroup.ScoreRule;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A problem's {@code gradingGroups} as the tree they describe (parents from the paths, children in
 * the order of the tests), and its full score. The runner grades submissions on it; the operator
 * reports the full score as the problem's total points, so that both give the same maximum.
 */
public final class GradingTree {

    /** A group with its children: {@link TestCase}s and {@link Node}s, in the problem's order. */
    public static final class Node {
        private final GradingGroup group;
        private final List<Object> children = new ArrayList<>();

        Node(GradingGroup group) {
            this.group = group;
        }

        public GradingGroup group() {
            return group;
        }

        public List<Object> children() {
            return Collections.unmodifiableList(children);
        }
    }

    private GradingTree() {
    }

    /** The root (data/); a level the spec does not list is a plain group (the default grader). */
    public static Node of(JudgeProblemSpec spec) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (GradingGroup g : spec.getGradingGroups()) {
            nodes.put(g.getPath() == null ? "" : g.getPath(), new Node(g));
        }
        Node root = attach(nodes, "");
        for (TestCase test : spec.getTests()) {
            attach(nodes, test.getGradingGroup() == null ? "" : test.getGradingGroup()).children.add(test);
        }
        return root;
    }

    private static Node attach(Map<String, Node> nodes, String path) {
        Node node = nodes.computeIfAbsent(path, p -> new Node(new GradingGroup(p)));
        if (!path.isEmpty()) {
            int slash = path.lastIndexOf('/');
            Node parent = attach(nodes, slash < 0 ? "" : path.substring(0, slash));
            if (!parent.children.contains(node)) {
                parent.children.add(node);
            }
        }
        return node;
    }

    /** The problem's score when every test is accepted in full, to a millionth (as results are). */
    public static double maxScore(JudgeProblemSpec spec) {
        return Math.round(Math.max(0.0, maxScore(of(spec))) * 1e6) / 1e6;
    }

    /** The node's score when every test is accepted in full. */
    public static double maxScore(Node node) {
        GradingGroup g = node.group;
        List<Double> maxes = new ArrayList<>();
        for (Object child : node.children) {
            maxes.add(child instanceof TestCase t ? points(t) : maxScore((Node) child));
        }
        if (maxes.isEmpty()) {
            return 0.0;
        }
        if (Boolean.TRUE.equals(g.getIgnoreSample())) {
            maxes = maxes.subList(maxes.size() - 1, maxes.size());
        }
        ScoreRule rule = g.getScore() == null ? ScoreRule.SUM : g.getScore();
        return switch (rule) {
            case SUM -> maxes.stream().mapToDouble(Double::doubleValue).sum();
            case AVG -> maxes.stream().mapToDouble(Double::doubleValue).average().orElse(0.0);
            case MIN -> maxes.stream().mapToDouble(Double::doubleValue).min().orElse(0.0);
            case MAX -> maxes.stream().mapToDouble(Double::doubleValue).max().orElse(0.0);
            case PASS_FAIL, MIN_SHARE -> g.getMaxScore() == null ? 0.0 : g.getMaxScore();
        };
    }

    /** A test's points (default 1): its group's accept_score, or its share of a 2023-07 group. */
    public static double points(TestCase test) {
        return test.getPoints() == null ? 1.0 : test.getPoints();
    }
}
