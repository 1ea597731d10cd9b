package io.kubejudge.runner.checker;

/**
 * Tokens, with numbers compared within an absolute and/or relative epsilon (accepted when
 * within either, as Kattis' default validator does). A token of the answer is a number when it
 * is a decimal float ({@code [+-]? (d* . d+ | d+ . | d+) ([eE] [+-]? d+)?}); then the output's
 * token must be one too. Other tokens, including {@code nan} and {@code inf}, compare as words:
 * an output of {@code nan} never passes as a number.
 *
 * <p>A difference exactly at the epsilon passes: the bound is widened by a few units in the
 * last place, the rounding of reading both decimals into doubles, so that {@code 1.000001}
 * against {@code 1} with epsilon {@code 1e-6} is accepted.
 */
public final class FloatChecker extends TokensChecker {

    private final Double absoluteEpsilon;
    private final Double relativeEpsilon;

    /** The epsilons, caseSensitive and space_change_sensitive ({@link io.kubejudge.model.checker.FloatType}). */
    static OutputChecker from(CheckerSetup setup) {
        return new FloatChecker(setup.spec().getAbsoluteEpsilon(), setup.spec().getRelativeEpsilon(), setup.caseSensitive(),
                setup.spaceChangeSensitive());
    }

    public FloatChecker(Double absoluteEpsilon, Double relativeEpsilon, boolean caseSensitive, boolean spaceChangeSensitive) {
        super(caseSensitive, spaceChangeSensitive);
        if (absoluteEpsilon == null && relativeEpsilon == null) {
            throw new IllegalArgumentException("a float checker needs an absolute or a relative epsilon");
        }
        this.absoluteEpsilon = absoluteEpsilon;
        this.relativeEpsilon = relativeEpsilon;
    }

    @Override
    protected String compare(TokenReader ans, TokenReader out) {
        if (equalBytes(ans, out, true)) {
            return null; // the same text is the same number (or word): no parsing needed
        }
        if (!isDecimal(ans.token, ans.length)) {
            return super.compare(ans, out);
        }
        String expectedText = ans.tokenText();
        if (!isDecimal(out.token, out.length)) {
            return "expected the number " + Messages.token(ans.token, ans.length) + ", got " + Messages.token(out.token, out.length);
        }
        double expected = Double.parseDouble(expectedText);
        double actual = Double.parseDouble(out.tokenText());
        if (within(expected, actual)) {
            return null;
        }
        return "expected " + Messages.token(ans.token, ans.length) + ", got " + Messages.token(out.token, out.length)
                + " (difference " + String.format("%.3g", Math.abs(actual - expected)) + " exceeds " + bounds() + ")";
    }

    boolean within(double expected, double actual) {
        if (expected == actual) {
            return true; // also equal infinities from huge exponents
        }
        double diff = Math.abs(actual - expected);
        if (Double.isNaN(diff)) {
            return false;
        }
        double slack = 4 * Math.ulp(Math.max(Math.abs(expected), Math.abs(actual)));
        if (absoluteEpsilon != null && diff <= absoluteEpsilon + slack) {
            return true;
        }
        return relativeEpsilon != null && diff <= relativeEpsilon * Math.abs(expected) + slack;
    }

    private String bounds() {
        if (absoluteEpsilon != null && relativeEpsilon != null) {
            return "absolute " + absoluteEpsilon + " and relative " + relativeEpsilon;
        }
        return absoluteEpsilon != null ? "absolute " + absoluteEpsilon : "relative " + relativeEpsilon;
    }

    static boolean isDecimal(byte[] t, int n) {
        int i = 0;
        if (i < n && (t[i] == '+' || t[i] == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(t[i])) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && t[i] == '.') {
            i++;
            while (i < n && isDigit(t[i])) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < n && (t[i] == 'e' || t[i] == 'E')) {
            i++;
            if (i < n && (t[i] == '+' || t[i] == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(t[i])) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
