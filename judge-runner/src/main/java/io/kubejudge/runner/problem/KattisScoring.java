package io.kubejudge.runner.problem;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubejudge.runner.problem.KattisTestTree.Case;
import io.kubejudge.runner.problem.KattisTestTree.Group;
import io.kubejudge.runner.problem.KattisTestTree.Node;
import io.kubejudge.model.v1alpha1.GradingGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a Kattis package's test data groups onto KubeJudge's scoring.
 *
 * <p>Pass-fail problems with the default grading: sample tests are judged but worth 0 points,
 * secret tests 1 point each, judging stops at the first failure (Kattis' default
 * {@code on_reject: break}).
 *
 * <p>Everything else becomes {@code gradingGroups}, graded as Kattis grades them (the runner's
 * {@code KattisGrading}): one group per directory of data/, each test in its directory's group.
 *
 * <ul>
 *   <li>Legacy ({@code testdata.yaml}, each key inherited from the parent group as problemtools
 *       does, and problem.yaml's {@code grading:} accept_score/reject_score/range/on_reject applied
 *       to every group): {@code grader_flags} first_error, worst_error (default), always_accept,
 *       accept_if_any_accepted, sum (default), avg, min, max, ignore_sample (data/ only);
 *       {@code on_reject} break (default) or continue ({@code grade} is continue,
 *       {@code first_error} is break); {@code accept_score}, {@code reject_score}, {@code range}.
 *       A test is worth its group's accept_score. Judging stops at the first failure when every
 *       group breaks and none can accept a rejected child.
 *   <li>2023-07 ({@code scoring:} maps): {@code secret} is worth {@code score} (default 100) and
 *       aggregates by {@code sum}; subgroups default to {@code pass-fail}; a {@code sum} group
 *       shares its leftover score evenly ({@code (M - S) / (A + T)}); {@code min} gives the
 *       group's score times the weakest child's share; {@code require_pass} names groups or tests
 *       (paths below data/) that must be accepted for the group to score. Samples score 0; the
 *       verdict is the first rejected test's.
 * </ul>
 *
 * <p>Refused with a clear error: custom graders, {@code unbounded} scores and a {@code sum}
 * group nested inside a {@code min}/{@code pass-fail} one.
 */
final class KattisScoring {

    /** Points and subtask group of one test case. */
    record Assignment(double points, String group) {
    }

    private KattisScoring() {
    }

    static Map<Case, Assignment> passFail(Group data) {
        Map<Case, Assignment> out = new LinkedHashMap<>();
        for (Case c : data.cases()) {
            out.put(c, new Assignment(c.path().startsWith("sample/") ? 0.0 : 1.0, null));
        }
        return out;
    }

    /** Whether the package's groups are configured the legacy way (accept_score, grader_flags). */
    static boolean usesLegacyKeys(Group g) {
        JsonNode c = g.config();
        if (c.has("accept_score") || c.has("reject_score") || c.has("grader_flags") || c.has("grading") || c.has("range")) {
            return true;
        }
        for (Node n : g.children()) {
            if (n instanceof Group sub && usesLegacyKeys(sub)) {
                return true;
            }
        }
        return false;
    }

    static boolean usesScoringMaps(Group g) {
        if (g.config().has("scoring")) {
            return true;
        }
        for (Node n : g.children()) {
            if (n instanceof Group sub && usesScoringMaps(sub)) {
                return true;
            }
        }
        return false;
    }

    /** Grading groups, the points of each test and whether judging may stop at the first failure. */
    record Grading(Map<Case, Double> points, List<GradingGroup> groups, boolean stopOnFirstFailure) {
    }

    // ---- 2023-07 and later ----

    static Grading modern(Group data) throws ProblemException {
        // The same names the package gives its tests (same order, fresh de-duplication).
        KattisNames names = new KattisNames();
        Map<Case, Double> points = new LinkedHashMap<>();
        List<GradingGroup> groups = new ArrayList<>();
        GradingGroup root = modernGroupOf(data, GradingGroup.ScoreRule.SUM, null);
        groups.add(root);
        for (Node n : data.children()) {
            if (n instanceof Case c) {
                points.put(c, 0.0);
                continue;
            }
            Group top = (Group) n;
            if (top.path().equals("sample")) {
                groups.add(modernGroupOf(top, GradingGroup.ScoreRule.SUM, null));
                for (Case c : top.cases()) {
                    points.put(c, 0.0);
                }
            } else {
                double score = explicitScore(top).orElse(100.0);
                modernGroup(top, score, aggregation(top, "sum"), points, groups);
            }
        }
        Map<String, String> testNames = new HashMap<>();
        for (Case c : data.cases()) {
            testNames.put(c.path(), names.testName(c.path()));
        }
        for (GradingGroup g : groups) {
            g.setRequirePass(requirePass(find(data, g.getPath()), testNames, data));
        }
        return new Grading(points, groups, false);
    }

    private static GradingGroup modernGroupOf(Group g, GradingGroup.ScoreRule rule, Double max) {
        GradingGroup out = new GradingGroup(g.path());
        out.setVerdict(GradingGroup.VerdictRule.FIRST_ERROR);
        out.setContinueOnReject(true);
        out.setScore(rule);
        out.setMaxScore(max);
        return out;
    }

    private static void modernGroup(Group g, double max, String aggregation, Map<Case, Double> points, List<GradingGroup> groups)
            throws ProblemException {
        if (!aggregation.equals("sum")) {
            GradingGroup.ScoreRule rule = aggregation.equals("min") ? GradingGroup.ScoreRule.MIN_SHARE : GradingGroup.ScoreRule.PASS_FAIL;
            groups.add(modernGroupOf(g, rule, max));
            List<Group> nested = new ArrayList<>();
            collectGroups(g, nested);
            for (Group sub : nested) {
                String agg = aggregation(sub, "pass-fail");
                if (agg.equals("sum")) {
                    throw unsupported(sub, "a 'sum' group inside a '" + aggregation + "' group");
                }
                if (explicitScore(sub).isPresent()) {
                    throw unsupported(sub, "scoring.score of a group inside a '" + aggregation + "' group");
                }
                groups.add(modernGroupOf(sub, agg.equals("min") ? GradingGroup.ScoreRule.MIN_SHARE : GradingGroup.ScoreRule.PASS_FAIL, max));
            }
            List<Case> cases = g.cases();
            for (Case c : cases) {
                points.put(c, max / cases.size());
            }
            return;
        }
        groups.add(modernGroupOf(g, GradingGroup.ScoreRule.SUM, null));
        double fixed = 0;
        int unscored = 0;
        for (Node n : g.children()) {
            if (n instanceof Group sub && explicitScore(sub).isPresent()) {
                fixed += explicitScore(sub).getAsDouble();
            } else {
                unscored++;
            }
        }
        if (fixed > max + 1e-9) {
            throw new ProblemException(where(g) + ": the subgroups' scores add up to " + fixed + ", more than the group's score " + max);
        }
        double share = unscored == 0 ? 0 : (max - fixed) / unscored;
        for (Node n : g.children()) {
            if (n instanceof Case c) {
                points.put(c, share);
            } else {
                Group sub = (Group) n;
                modernGroup(sub, explicitScore(sub).orElse(share), aggregation(sub, "pass-fail"), points, groups);
            }
        }
    }

    /** 2023-07's require_pass: a path or a list of paths below data/, each a group or a test case. */
    private static List<String> requirePass(Group g, Map<String, String> testNames, Group data) throws ProblemException {
        JsonNode req = g.config().path("scoring").path("require_pass");
        List<String> paths = new ArrayList<>();
        if (req.isArray()) {
            req.forEach(r -> paths.add(r.asText()));
        } else if (req.isTextual()) {
            paths.add(req.asText());
        } else if (!req.isMissingNode() && !req.isNull()) {
            throw new ProblemException(where(g) + ": scoring.require_pass must be a path or a list of paths below data/");
        }
        List<String> out = new ArrayList<>();
        for (String raw : paths) {
            String path = raw.replaceAll("^/+|/+$", "").replaceFirst("^data/", "");
            if (testNames.containsKey(path)) {
                out.add(testNames.get(path));
            } else if (find(data, path) != null) {
                out.add(path);
            } else {
                throw new ProblemException(where(g) + ": scoring.require_pass names '" + raw + "', which is neither a test group nor a test case below data/");
            }
        }
        return out;
    }

    private static Group find(Group g, String path) {
        if (g.path().equals(path)) {
            return g;
        }
        for (Node n : g.children()) {
            if (n instanceof Group sub && (path.equals(sub.path()) || path.startsWith(sub.path() + "/"))) {
                return find(sub, path);
            }
        }
        return null;
    }

    private static String aggregation(Group g, String dflt) throws ProblemException {
        JsonNode agg = g.config().path("scoring").path("aggregation");
        if (agg.isMissingNode() || agg.isNull()) {
            return dflt;
        }
        String a = agg.asText();
        if (!a.equals("sum") && !a.equals("min") && !a.equals("pass-fail")) {
            throw new ProblemException(where(g) + ": scoring.aggregation '" + a + "' is not one of pass-fail, sum, min");
        }
        return a;
    }

    private static java.util.OptionalDouble explicitScore(Group g) throws ProblemException {
        JsonNode score = g.config().path("scoring").path("score");
        if (score.isMissingNode() || score.isNull()) {
            return java.util.OptionalDouble.empty();
        }
        if (score.isNumber() && score.asDouble() >= 0) {
            return java.util.OptionalDouble.of(score.asDouble());
        }
        if (score.asText().equals("unbounded")) {
            throw unsupported(g, "scoring.score: unbounded");
        }
        throw new ProblemException(where(g) + ": scoring.score '" + score.asText() + "' must be a non-negative number");
    }

    // ---- legacy ----

    /** Keys of problem.yaml's legacy {@code grading:} map that apply to every group. */
    private static final List<String> PROBLEM_GRADING_KEYS = List.of("accept_score", "reject_score", "range", "on_reject");

    /** Whether a pass-fail package grades other than by default (so that it needs grading groups). */
    static boolean customizesGrading(Group g, JsonNode problemYaml) {
        if (problemYaml.path("grading").isObject() && PROBLEM_GRADING_KEYS.stream().anyMatch(problemYaml.path("grading")::has)) {
            return true;
        }
        return customizesGroups(g);
    }

    private static boolean customizesGroups(Group g) {
        JsonNode c = g.config();
        if (!c.path("grader_flags").asText("").isBlank() || c.has("on_reject") || c.path("grading").asText("default").equals("custom")) {
            return true;
        }
        for (Node n : g.children()) {
            if (n instanceof Group sub && customizesGroups(sub)) {
                return true;
            }
        }
        return false;
    }

    static Grading legacy(Group data, JsonNode problemYaml, boolean scoring) throws ProblemException {
        Map<Case, Double> points = new LinkedHashMap<>();
        List<GradingGroup> groups = new ArrayList<>();
        legacyGroup(data, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), problemYaml.path("grading"),
                scoring, points, groups);
        boolean stops = groups.stream().noneMatch(g -> Boolean.TRUE.equals(g.getContinueOnReject())
                || Boolean.TRUE.equals(g.getAcceptIfAnyAccepted()) || g.getVerdict() == GradingGroup.VerdictRule.ALWAYS_ACCEPT);
        return new Grading(points, groups, stops);
    }

    private static void legacyGroup(Group g, com.fasterxml.jackson.databind.node.ObjectNode inherited, JsonNode problemGrading,
            boolean scoring, Map<Case, Double> points, List<GradingGroup> groups) throws ProblemException {
        com.fasterxml.jackson.databind.node.ObjectNode config = inherited.deepCopy();
        if (g.config().isObject()) {
            g.config().fields().forEachRemaining(e -> config.set(e.getKey(), e.getValue()));
        }
        String at = where(g);
        if (problemGrading.isObject()) {
            for (String key : PROBLEM_GRADING_KEYS) {
                // problem.yaml's on_reject: worst_error changes nothing (problemtools keeps the groups' own).
                if (problemGrading.has(key) && !(key.equals("on_reject") && problemGrading.get(key).asText().equals("worst_error"))) {
                    config.set(key, problemGrading.get(key));
                }
            }
            at = g.configFile() != null ? at : "problem.yaml: grading";
        }
        GradingGroup out = new GradingGroup(g.path());
        if (config.path("grading").asText("default").equals("custom")) {
            throw unsupported(g, "grading: custom (custom graders)");
        }
        for (String flag : config.path("grader_flags").asText("").trim().split("\\s+")) {
            switch (flag) {
                case "" -> { }
                case "worst_error", "no_errors" -> out.setVerdict(GradingGroup.VerdictRule.WORST_ERROR);
                case "first_error" -> out.setVerdict(GradingGroup.VerdictRule.FIRST_ERROR);
                case "always_accept" -> out.setVerdict(GradingGroup.VerdictRule.ALWAYS_ACCEPT);
                case "accept_if_any_accepted" -> out.setAcceptIfAnyAccepted(true);
                case "sum" -> out.setScore(GradingGroup.ScoreRule.SUM);
                case "avg" -> out.setScore(GradingGroup.ScoreRule.AVG);
                case "min" -> out.setScore(GradingGroup.ScoreRule.MIN);
                case "max" -> out.setScore(GradingGroup.ScoreRule.MAX);
                case "ignore_sample" -> {
                    boolean own = List.of(g.config().path("grader_flags").asText("").trim().split("\\s+")).contains("ignore_sample");
                    if (!g.path().isEmpty() && own) {
                        throw new ProblemException(at + ": grader flag 'ignore_sample' is only allowed for data/ (the top level)");
                    }
                    if (g.path().isEmpty()) {
                        out.setIgnoreSample(true);
                    } // inherited by the groups below data/, where it means nothing
                }
                default -> throw new ProblemException(at + ": unknown grader flag '" + flag
                        + "' (known: first_error, worst_error, always_accept, accept_if_any_accepted, sum, avg, min, max, ignore_sample)");
            }
        }
        String onReject = config.path("on_reject").asText("break");
        switch (onReject) {
            case "break", "first_error" -> { }
            case "continue", "grade" -> out.setContinueOnReject(true);
            default -> throw new ProblemException(at + ": on_reject '" + onReject + "' is not one of break, continue (or legacy grade)");
        }
        double accept = 1.0;
        if (scoring) {
            accept = number(config, "accept_score", 1.0, at);
            double reject = number(config, "reject_score", 0.0, at);
            if (accept != 1.0) {
                out.setAcceptScore(accept);
            }
            if (reject != 0.0) {
                out.setRejectScore(reject);
            }
            range(config, at, out);
        }
        groups.add(out);
        for (Node n : g.children()) {
            if (n instanceof Case c) {
                points.put(c, !scoring && c.path().startsWith("sample/") ? 0.0 : accept);
            } else {
                legacyGroup((Group) n, config, problemGrading, scoring, points, groups);
            }
        }
    }

    private static double number(JsonNode config, String key, double dflt, String at) throws ProblemException {
        JsonNode n = config.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return dflt;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText().trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(at + ": " + key + " '" + n.asText() + "' is not a number");
        }
    }

    private static void range(JsonNode config, String at, GradingGroup out) throws ProblemException {
        JsonNode n = config.path("range");
        if (n.isMissingNode() || n.isNull()) {
            return;
        }
        String[] parts = n.asText().trim().split("\\s+");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            double lo = Double.parseDouble(parts[0].replace("inf", "Infinity"));
            double hi = Double.parseDouble(parts[1].replace("inf", "Infinity"));
            if (lo > hi) {
                throw new ProblemException(at + ": range '" + n.asText() + "': the minimum is above the maximum");
            }
            if (!Double.isInfinite(lo)) {
                out.setRangeMin(lo);
            }
            if (!Double.isInfinite(hi)) {
                out.setRangeMax(hi);
            }
        } catch (NumberFormatException e) {
            throw new ProblemException(at + ": range '" + n.asText() + "' must be two numbers, e.g. '0 100' (inf allowed)");
        }
    }

    // ---- shared ----

    private static void collectGroups(Group g, List<Group> out) {
        for (Node n : g.children()) {
            if (n instanceof Group sub) {
                out.add(sub);
                collectGroups(sub, out);
            }
        }
    }

    private static String where(Group g) {
        return g.configFile() != null ? g.configFile() : "data/" + g.path();
    }

    private static ProblemException unsupported(Group g, String what) {
        return new ProblemException(where(g) + ": " + what + " is not supported by KubeJudge's scoring"
                + " (supported: the default grader with its flags, 2023-07 sum/min/pass-fail groups)");
    }
}
