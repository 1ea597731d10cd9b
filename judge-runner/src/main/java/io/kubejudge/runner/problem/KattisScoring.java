package io.kubejudge.runner.problem;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubejudge.runner.problem.KattisTestTree.Case;
import io.kubejudge.runner.problem.KattisTestTree.Group;
import io.kubejudge.runner.problem.KattisTestTree.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a Kattis package's test data groups onto KubeJudge's scoring model (points per test; a
 * group scores its tests' points times the weakest test's share, see Scoring).
 *
 * <p>Pass-fail problems: sample tests are judged but worth 0 points, secret tests 1 point each.
 *
 * <p>Scoring problems, 2023-07 and later ({@code scoring:} maps in test_group.yaml/testdata.yaml):
 * {@code secret} is worth {@code score} (default 100) and aggregates by {@code sum} (default);
 * subgroups default to {@code pass-fail}. A {@code sum} group shares its leftover score evenly
 * ({@code (M - S) / (A + T)}); a {@code pass-fail} or {@code min} group becomes one KubeJudge
 * group whose tests share its score (exact for both). Samples score 0.
 *
 * <p>Scoring problems, legacy ({@code accept_score}, {@code grader_flags} in testdata.yaml, the
 * whole file inherited from the closest ancestor): an accepted test scores {@code accept_score}
 * (default 1); {@code sum} (default) adds, {@code avg} averages, {@code min} makes the group one
 * KubeJudge group (its tests must share one accept_score); {@code ignore_sample} on data/ drops
 * the samples' points (otherwise they count, as the legacy default grader does).
 *
 * <p>Refused with a clear error: custom graders, {@code max}, {@code always_accept},
 * {@code accept_if_any_accepted}, non-zero {@code reject_score}, {@code unbounded} scores,
 * {@code require_pass}, and a {@code sum} group nested inside a {@code min}/{@code pass-fail} one.
 * Judging never stops early in scoring problems, so {@code on_reject: break} inside a sum
 * group is judged as {@code continue} (the score can only be higher than Kattis').
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

    // ---- 2023-07 and later ----

    static Map<Case, Assignment> modern(Group data) throws ProblemException {
        Map<Case, Assignment> out = new LinkedHashMap<>();
        for (Node n : data.children()) {
            Group top = (Group) n;
            if (top.path().equals("sample")) {
                for (Case c : top.cases()) {
                    out.put(c, new Assignment(0.0, null));
                }
            } else {
                double score = explicitScore(top).orElse(100.0);
                modernGroup(top, score, aggregation(top, "sum"), out);
            }
        }
        return out;
    }

    private static void modernGroup(Group g, double max, String aggregation, Map<Case, Assignment> out) throws ProblemException {
        if (g.config().path("scoring").has("require_pass")) {
            throw unsupported(g, "scoring.require_pass");
        }
        if (!aggregation.equals("sum")) {
            allOrWeakest(g, max, out, sub -> {
                String agg = aggregation(sub, "pass-fail");
                if (agg.equals("sum")) {
                    throw unsupported(sub, "a 'sum' group inside a '" + aggregation + "' group");
                }
                if (explicitScore(sub).isPresent()) {
                    throw unsupported(sub, "scoring.score of a group inside a '" + aggregation + "' group");
                }
            });
            return;
        }
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
                out.put(c, new Assignment(share, null));
            } else {
                Group sub = (Group) n;
                modernGroup(sub, explicitScore(sub).orElse(share), aggregation(sub, "pass-fail"), out);
            }
        }
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

    static Map<Case, Assignment> legacy(Group data) throws ProblemException {
        Map<Case, Assignment> out = new LinkedHashMap<>();
        legacyGroup(data, 1.0, out);
        return out;
    }

    private static void legacyGroup(Group g, double weight, Map<Case, Assignment> out) throws ProblemException {
        LegacySettings s = LegacySettings.of(g);
        if (s.mode.equals("min")) {
            double accept = commonAcceptScore(g);
            allOrWeakest(g, weight * accept, out, sub -> {
                if (!LegacySettings.of(sub).mode.equals("min")) {
                    throw unsupported(sub, "a '" + LegacySettings.of(sub).mode + "' group inside a 'min' group");
                }
            });
            return;
        }
        double childWeight = s.mode.equals("avg") && !g.children().isEmpty() ? weight / g.children().size() : weight;
        for (Node n : g.children()) {
            if (n instanceof Case c) {
                out.put(c, new Assignment(childWeight * s.acceptScore, null));
            } else {
                Group sub = (Group) n;
                boolean ignored = g.path().isEmpty() && sub.path().equals("sample") && s.ignoreSample;
                legacyGroup(sub, ignored ? 0.0 : childWeight, out);
            }
        }
    }

    private static double commonAcceptScore(Group g) throws ProblemException {
        Double accept = null;
        for (Case c : g.cases()) {
            double a = LegacySettings.of(c.parent()).acceptScore;
            if (accept != null && accept != a) {
                throw unsupported(g, "different accept_score values inside a 'min' group");
            }
            accept = a;
        }
        return accept == null ? 0.0 : accept;
    }

    /** The legacy grader settings of a group: its own testdata.yaml or its closest ancestor's. */
    private record LegacySettings(String mode, double acceptScore, boolean ignoreSample) {
        static LegacySettings of(Group g) throws ProblemException {
            Group owner = g;
            while (owner != null && owner.configFile() == null) {
                owner = owner.parent();
            }
            JsonNode c = owner == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : owner.config();
            Group at = owner == null ? g : owner;
            if (c.path("grading").asText("default").equals("custom")) {
                throw unsupported(at, "grading: custom (custom graders)");
            }
            if (c.has("reject_score") && c.path("reject_score").asDouble() != 0.0) {
                throw unsupported(at, "a non-zero reject_score");
            }
            String mode = "sum";
            boolean ignoreSample = false;
            for (String flag : c.path("grader_flags").asText("").trim().split("\\s+")) {
                switch (flag) {
                    case "" , "first_error", "worst_error" -> { }
                    case "sum", "avg", "min" -> mode = flag;
                    case "ignore_sample" -> ignoreSample = true;
                    case "max", "always_accept", "accept_if_any_accepted" -> throw unsupported(at, "grader flag '" + flag + "'");
                    default -> throw new ProblemException(where(at) + ": unknown grader flag '" + flag
                            + "' (known: first_error, worst_error, always_accept, sum, avg, min, max, ignore_sample, accept_if_any_accepted)");
                }
            }
            JsonNode accept = c.path("accept_score");
            double acceptScore = 1.0;
            if (!accept.isMissingNode() && !accept.isNull()) {
                if (!accept.isNumber() || accept.asDouble() < 0) {
                    throw new ProblemException(where(at) + ": accept_score '" + accept.asText() + "' must be a non-negative number");
                }
                acceptScore = accept.asDouble();
            }
            return new LegacySettings(mode, acceptScore, ignoreSample);
        }
    }

    // ---- shared ----

    private interface GroupCheck {
        void check(Group nested) throws ProblemException;
    }

    /** Makes the whole subtree of {@code g} one KubeJudge group worth {@code max}, shared evenly. */
    private static void allOrWeakest(Group g, double max, Map<Case, Assignment> out, GroupCheck nestedCheck) throws ProblemException {
        List<Group> nested = new ArrayList<>();
        collectGroups(g, nested);
        for (Group sub : nested) {
            nestedCheck.check(sub);
        }
        List<Case> cases = g.cases();
        String group = KattisNames.groupName(g.path());
        for (Case c : cases) {
            out.put(c, new Assignment(cases.isEmpty() ? 0 : max / cases.size(), group));
        }
    }

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
                + " (supported: points per test, sum/avg/min of groups, pass-fail subtasks)");
    }
}
