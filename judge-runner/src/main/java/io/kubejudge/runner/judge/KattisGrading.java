package io.kubejudge.runner.judge;

import io.kubejudge.model.problem.GradingTree;
import io.kubejudge.model.problem.GradingTree.Node;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.model.v1alpha1.GradingGroup;
import io.kubejudge.model.v1alpha1.GradingGroup.ScoreRule;
import io.kubejudge.model.v1alpha1.GradingGroup.VerdictRule;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict and score of a problem with {@code gradingGroups}, as Kattis grades a package
 * (problemtools' {@code SubmissionJudge} and default grader): bottom up, each group grades its
 * children's (verdict, score) pairs in order.
 *
 * <ul>
 *   <li>A test scores its checker's points when accepted (its points are the group's
 *       {@code accept_score}, times a custom validator's share), else the group's {@code reject_score}.
 *   <li>Unless the group continues on reject, the first rejected child ends the group: the
 *       children after it are not graded (Kattis does not judge them).
 *   <li>Verdict: {@code accept_if_any_accepted} first, then worst_error (the order
 *       JE RTE MLE TLE OLE WA PE AC), first_error or always_accept.
 *   <li>Score: sum, avg, min, max of the children's scores; 2023-07's {@code min} (the group's
 *       maximum times the weakest child's share) and {@code pass-fail}; {@code ignore_sample}
 *       grades only the last child; {@code require_pass} zeroes the score unless every named
 *       group or test is accepted; a score outside {@code range} is a judge error (SystemError).
 * </ul>
 */
final class KattisGrading {

    /** worst_error's order, worst first (problemtools' default grader). */
    private static final List<Verdict> WORST_FIRST = List.of(Verdict.SYSTEM_ERROR, Verdict.RUNTIME_ERROR,
            Verdict.MEMORY_LIMIT_EXCEEDED, Verdict.TIME_LIMIT_EXCEEDED, Verdict.OUTPUT_LIMIT_EXCEEDED,
            Verdict.WRONG_ANSWER, Verdict.PRESENTATION_ERROR, Verdict.ACCEPTED);

    private record Graded(Verdict verdict, double score) {
    }

    private final Map<String, TestResult> results = new HashMap<>();
    private final Map<String, Verdict> passed = new HashMap<>();
    private boolean applyRequirements;

    private KattisGrading() {
    }

    static Scoring.Summary score(JudgeProblemSpec spec, List<TestResult> testResults) {
        Node root = GradingTree.of(spec);
        KattisGrading grading = new KattisGrading();
        boolean failed = false;
        for (TestResult r : testResults) {
            grading.results.put(r.name(), r);
            failed |= r.verdict() == null || !r.verdict().isAccepted();
        }
        boolean missing = spec.getTests().stream().anyMatch(t -> !grading.results.containsKey(t.getName()));
        // Verdicts first: require_pass may name a group graded after the one it constrains.
        grading.grade(root);
        grading.applyRequirements = true;
        Graded graded = grading.grade(root);
        double max = GradingTree.maxScore(root);
        Verdict verdict;
        if (missing && !failed) {
            verdict = Verdict.SYSTEM_ERROR;
        } else {
            verdict = graded == null ? Verdict.SYSTEM_ERROR : graded.verdict();
        }
        double score = graded == null ? 0.0 : graded.score();
        return new Scoring.Summary(verdict, Scoring.round(Math.max(0.0, score)), Scoring.round(Math.max(0.0, max)));
    }

    /** Null when nothing below the node was judged. */
    private Graded grade(Node node) {
        GradingGroup g = node.group();
        List<Graded> children = new ArrayList<>();
        for (Object child : node.children()) {
            Graded c;
            if (child instanceof TestCase test) {
                TestResult r = results.get(test.getName());
                if (r == null) {
                    continue;
                }
                Verdict v = r.verdict() == null ? Verdict.SYSTEM_ERROR : r.verdict();
                double score = v.isAccepted() ? (r.points() != null ? r.points() : GradingTree.points(test)) : value(g.getRejectScore(), 0.0);
                c = new Graded(v, score);
                passed.put(test.getName(), v);
            } else {
                c = grade((Node) child);
                if (c == null) {
                    continue;
                }
            }
            children.add(c);
            if (!c.verdict().isAccepted() && !Boolean.TRUE.equals(g.getContinueOnReject())) {
                break;
            }
        }
        if (children.isEmpty()) {
            return null;
        }
        if (Boolean.TRUE.equals(g.getIgnoreSample())) {
            children = children.subList(children.size() - 1, children.size());
        }
        Verdict verdict = verdict(g, children);
        double score = score(node, children);
        if (applyRequirements && !requirementsPassed(g)) {
            score = 0.0;
        }
        passed.put(g.getPath(), verdict);
        if (score < value(g.getRangeMin(), Double.NEGATIVE_INFINITY) - 1e-9 || score > value(g.getRangeMax(), Double.POSITIVE_INFINITY) + 1e-9) {
            return new Graded(Verdict.SYSTEM_ERROR, 0.0);
        }
        return new Graded(verdict, score);
    }

    private boolean requirementsPassed(GradingGroup g) {
        for (String required : g.getRequirePass() == null ? List.<String>of() : g.getRequirePass()) {
            Verdict v = passed.get(required);
            if (v == null || !v.isAccepted()) {
                return false;
            }
        }
        return true;
    }

    private static Verdict verdict(GradingGroup g, List<Graded> children) {
        if (Boolean.TRUE.equals(g.getAcceptIfAnyAccepted()) && children.stream().anyMatch(c -> c.verdict().isAccepted())) {
            return Verdict.ACCEPTED;
        }
        VerdictRule rule = g.getVerdict() == null ? VerdictRule.WORST_ERROR : g.getVerdict();
        return switch (rule) {
            case ALWAYS_ACCEPT -> Verdict.ACCEPTED;
            case FIRST_ERROR -> children.stream().map(Graded::verdict).filter(v -> !v.isAccepted()).findFirst().orElse(Verdict.ACCEPTED);
            case WORST_ERROR -> children.stream().map(Graded::verdict)
                    .min((a, b) -> Integer.compare(rank(a), rank(b))).orElse(Verdict.ACCEPTED);
        };
    }

    private static int rank(Verdict v) {
        int i = WORST_FIRST.indexOf(v);
        return i < 0 ? 0 : i;
    }

    private static double score(Node node, List<Graded> children) {
        GradingGroup g = node.group();
        ScoreRule rule = g.getScore() == null ? ScoreRule.SUM : g.getScore();
        return switch (rule) {
            case SUM -> children.stream().mapToDouble(Graded::score).sum();
            case AVG -> children.stream().mapToDouble(Graded::score).average().orElse(0.0);
            case MIN -> children.stream().mapToDouble(Graded::score).min().orElse(0.0);
            case MAX -> children.stream().mapToDouble(Graded::score).max().orElse(0.0);
            case PASS_FAIL -> children.size() == node.children().size() && children.stream().allMatch(c -> c.verdict().isAccepted())
                    ? value(g.getMaxScore(), 0.0) : 0.0;
            case MIN_SHARE -> value(g.getMaxScore(), 0.0) * minShare(node, children);
        };
    }

    /** The weakest child's score as a share of its own maximum; a child that was not graded counts as 0. */
    private static double minShare(Node node, List<Graded> children) {
        if (children.size() < node.children().size()) {
            return 0.0;
        }
        double share = 1.0;
        for (int i = 0; i < children.size(); i++) {
            Object child = node.children().get(i);
            double max = child instanceof TestCase t ? GradingTree.points(t) : GradingTree.maxScore((Node) child);
            Graded c = children.get(i);
            double s = !c.verdict().isAccepted() ? 0.0 : max > 0 ? c.score() / max : 1.0;
            share = Math.min(share, Math.max(0.0, Math.min(1.0, s)));
        }
        return share;
    }

    private static double value(Double d, double dflt) {
        return d == null ? dflt : d;
    }
}
