package io.kubejudge.runner.problem;

import io.kubejudge.model.v1alpha1.Checker;
import java.util.List;

/**
 * The Kattis default output validator's arguments ({@code validator_flags},
 * {@code output_validator_args}) turned into a KubeJudge checker: tokens, case-insensitive
 * unless {@code case_sensitive}; float when a tolerance is given. {@code space_change_sensitive}
 * has no CRD field: it stays in {@code checker.validatorFlags}, which the tokens and float
 * checkers honour.
 */
final class KattisValidatorFlags {

    private KattisValidatorFlags() {
    }

    static Checker defaultChecker(List<String> flags, String where) throws ProblemException {
        Checker checker = new Checker();
        checker.setType(Checker.Type.TOKENS);
        checker.setCaseSensitive(false);
        Double tolerance = null;
        Double relative = null;
        Double absolute = null;
        boolean spaceSensitive = false;
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            switch (flag) {
                case "case_sensitive" -> checker.setCaseSensitive(true);
                case "space_change_sensitive" -> spaceSensitive = true;
                case "float_tolerance", "float_relative_tolerance", "float_absolute_tolerance" -> {
                    if (i + 1 >= flags.size()) {
                        throw new ProblemException(where + ": validator flag " + flag + " needs a number after it");
                    }
                    double eps = number(flags.get(++i), flag, where);
                    boolean repeated = switch (flag) {
                        case "float_tolerance" -> tolerance != null;
                        case "float_relative_tolerance" -> relative != null;
                        default -> absolute != null;
                    };
                    if (repeated) {
                        throw new ProblemException(where + ": validator flag " + flag + " is given twice");
                    }
                    switch (flag) {
                        case "float_tolerance" -> tolerance = eps;
                        case "float_relative_tolerance" -> relative = eps;
                        default -> absolute = eps;
                    }
                }
                default -> throw new ProblemException(where + ": unknown validator flag '" + flag
                        + "' for the default validator (known: case_sensitive, space_change_sensitive, float_tolerance,"
                        + " float_relative_tolerance, float_absolute_tolerance)");
            }
        }
        if (tolerance != null && (relative != null || absolute != null)) {
            throw new ProblemException(where + ": float_tolerance cannot be combined with float_relative_tolerance or float_absolute_tolerance");
        }
        if (tolerance != null) {
            relative = tolerance;
            absolute = tolerance;
        }
        if (relative != null || absolute != null) {
            checker.setType(Checker.Type.FLOAT);
            checker.setRelativeEpsilon(relative);
            checker.setAbsoluteEpsilon(absolute);
        }
        if (spaceSensitive || !flags.isEmpty()) {
            checker.setValidatorFlags(String.join(" ", flags));
        }
        return checker;
    }

    private static double number(String text, String flag, String where) throws ProblemException {
        double eps;
        try {
            eps = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ProblemException(where + ": validator flag " + flag + " needs a number, found '" + text + "'");
        }
        if (!(eps >= 0 && eps <= 1)) {
            throw new ProblemException(where + ": validator flag " + flag + " " + text + " is outside 0..1 (KubeJudge's epsilon range)");
        }
        return eps;
    }
}
