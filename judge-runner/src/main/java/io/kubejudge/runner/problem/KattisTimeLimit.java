package io.kubejudge.runner.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The time limit of an ICPC/Kattis package that does not fix one in problem.yaml, derived as
 * problemtools' {@code verifyproblem} does: the slowest accepted submission's time times
 * {@code ac_to_time_limit}, rounded up to a multiple of {@code time_resolution} (at least one).
 *
 * <ul>
 *   <li>{@code ac_to_time_limit}: 2023-07's {@code limits.time_multipliers.ac_to_time_limit}
 *       (default 2), legacy {@code limits.time_multiplier} (default 5).
 *   <li>{@code time_resolution}: {@code limits.time_resolution} (default 1 s).
 * </ul>
 *
 * The result is recorded in the package's {@code .timelimit} file (seconds), which the package
 * reader (and so {@code judge} and {@code problem}) uses when problem.yaml has no time limit. A
 * limit in problem.yaml or DOMjudge's {@code domjudge-problem.ini} is the author's: it is kept.
 */
public final class KattisTimeLimit {

    public static final String FILE = ".timelimit";
    /** DOMjudge's {@code timelimit = ...} line in domjudge-problem.ini. */
    static final java.util.regex.Pattern INI_TIMELIMIT =
            java.util.regex.Pattern.compile("(?m)^\\s*timelimit\\s*=\\s*['\"]?([0-9.]+)['\"]?\\s*$");

    /** How the limit was derived, for the report. */
    public record Derived(double seconds, double slowestSeconds, double multiplier, double resolution) {
    }

    private KattisTimeLimit() {
    }

    /** Whether {@code dir} is a package whose problem.yaml leaves the time limit to its submissions. */
    public static boolean isDerived(Path dir) throws ProblemException {
        JsonNode yaml = ProblemFiles.readYaml(dir.resolve(KubeJudgeFormat.PROBLEM_YAML), dir);
        if (KubeJudgeFormat.recognizes(yaml, dir) || !Files.isDirectory(dir.resolve("data"))) {
            return false;
        }
        JsonNode limit = yaml.path("limits").path("time_limit");
        if (!limit.isMissingNode() && !limit.isNull()) {
            return false;
        }
        // A DOMjudge package's author fixed its limit in domjudge-problem.ini.
        Path ini = dir.resolve("domjudge-problem.ini");
        try {
            return !(Files.isRegularFile(ini) && INI_TIMELIMIT.matcher(Files.readString(ini, StandardCharsets.UTF_8)).find());
        } catch (IOException e) {
            throw new ProblemException("domjudge-problem.ini: cannot read: " + e.getMessage(), e);
        }
    }

    public static Derived derive(Path dir, double slowestSeconds) throws ProblemException {
        JsonNode yaml = ProblemFiles.readYaml(dir.resolve(KubeJudgeFormat.PROBLEM_YAML), dir);
        boolean legacy = yaml.path("problem_format_version").asText("legacy").startsWith("legacy");
        JsonNode limits = yaml.path("limits");
        double multiplier = legacy ? positive(limits.path("time_multiplier"), 5.0, "limits.time_multiplier")
                : positive(limits.path("time_multipliers").path("ac_to_time_limit"), 2.0, "limits.time_multipliers.ac_to_time_limit");
        double resolution = positive(limits.path("time_resolution"), 1.0, "limits.time_resolution");
        double exact = slowestSeconds * multiplier;
        // problemtools: max(1, ceil(exact / resolution)) * resolution
        double steps = Math.max(1, Math.ceil(exact / resolution - 1e-9));
        double seconds = new BigDecimal(steps).multiply(BigDecimal.valueOf(resolution)).doubleValue();
        return new Derived(seconds, slowestSeconds, multiplier, resolution);
    }

    /** Writes the limit to the package's .timelimit file. */
    public static Path record(Path dir, Derived derived) throws ProblemException {
        Path file = dir.resolve(FILE);
        try {
            Files.writeString(file, BigDecimal.valueOf(derived.seconds()).stripTrailingZeros().toPlainString() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProblemException(FILE + ": cannot write the derived time limit: " + e.getMessage(), e);
        }
        return file;
    }

    private static double positive(JsonNode n, double dflt, String field) throws ProblemException {
        if (n.isMissingNode() || n.isNull()) {
            return dflt;
        }
        if (!n.isNumber() || n.asDouble() <= 0) {
            throw new ProblemException("problem.yaml: " + field + " '" + n.asText() + "' must be a positive number");
        }
        return n.asDouble();
    }
}
