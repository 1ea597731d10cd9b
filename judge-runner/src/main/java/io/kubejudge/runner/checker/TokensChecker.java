package io.kubejudge.runner.checker;

import io.kubejudge.model.result.Verdict;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Compares whitespace-separated tokens (the default checker; the Kattis default validator
 * without tolerances). Letters compare case-insensitively (ASCII) unless case-sensitive; with
 * {@code spaceChangeSensitive} the whitespace between, before and after tokens must also be
 * identical (Kattis' {@code space_change_sensitive}). The message names the first difference.
 */
public class TokensChecker implements OutputChecker {

    private final boolean caseSensitive;
    private final boolean spaceChangeSensitive;

    public TokensChecker(boolean caseSensitive) {
        this(caseSensitive, false);
    }

    public TokensChecker(boolean caseSensitive, boolean spaceChangeSensitive) {
        this.caseSensitive = caseSensitive;
        this.spaceChangeSensitive = spaceChangeSensitive;
    }

    /** caseSensitive and validatorFlags' space_change_sensitive ({@link io.kubejudge.model.checker.TokensType}). */
    static OutputChecker from(CheckerSetup setup) {
        return new TokensChecker(setup.caseSensitive(), setup.spaceChangeSensitive());
    }

    @Override
    public CheckOutcome check(Path input, Path output, Path answer) throws IOException {
        try (TokenReader out = new TokenReader(new FileInputStream(output.toFile()));
             TokenReader ans = new TokenReader(new FileInputStream(answer.toFile()))) {
            long index = 0;
            while (true) {
                boolean hasAns = ans.next();
                boolean hasOut = out.next();
                index++;
                if (spaceChangeSensitive && !sameSpace(out, ans)) {
                    return CheckOutcome.wrong("whitespace differs " + (hasAns ? "before token #" + index : "at the end")
                            + " (line " + out.line + ")");
                }
                if (!hasAns && !hasOut) {
                    return CheckOutcome.accepted();
                }
                if (!hasAns) {
                    return CheckOutcome.wrong("extra output: token #" + index + " " + Messages.token(out.token, out.length)
                            + " on line " + out.line + " after the expected " + (index - 1) + " tokens");
                }
                if (!hasOut) {
                    return CheckOutcome.wrong("output ends early: expected token #" + index + " "
                            + Messages.token(ans.token, ans.length) + ", found end of output");
                }
                String difference = compare(ans, out);
                if (difference != null) {
                    return new CheckOutcome(Verdict.WRONG_ANSWER, 0.0, "token #" + index + " (line " + out.line + "): " + difference);
                }
            }
        }
    }

    /** Null when the tokens match, else what differs ("expected 'a', got 'b'"). */
    protected String compare(TokenReader ans, TokenReader out) {
        if (equalBytes(ans, out, caseSensitive)) {
            return null;
        }
        return "expected " + Messages.token(ans.token, ans.length) + ", got " + Messages.token(out.token, out.length);
    }

    static boolean equalBytes(TokenReader a, TokenReader b, boolean caseSensitive) {
        if (a.length != b.length) {
            return false;
        }
        if (caseSensitive) {
            return Arrays.equals(a.token, 0, a.length, b.token, 0, b.length);
        }
        for (int i = 0; i < a.length; i++) {
            int x = a.token[i];
            int y = b.token[i];
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private static boolean sameSpace(TokenReader a, TokenReader b) {
        return Arrays.equals(a.space, 0, a.spaceLength, b.space, 0, b.spaceLength);
    }

    protected boolean caseSensitive() {
        return caseSensitive;
    }
}
