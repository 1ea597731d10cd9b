package io.kubejudge.runner.cli;

import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.StepResult;
import io.kubejudge.model.result.TestResult;
import io.kubejudge.runner.judge.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A step's result as its container's termination message: valid JSON of at most
 * {@link StepResult#MAX_BYTES} bytes, whatever the number of tests and the length of the
 * messages. When something had to go, {@code truncated} is true and {@code testCount} tells how
 * many tests there were (the full report is in the check container's log).
 *
 * <p>In order, until it fits: per-test messages shortened to {@value #TEST_MESSAGE_CHARS}
 * characters and the compile message / error to {@value #LONG_MESSAGE_BYTES} bytes; tests dropped
 * from the end; the compile message and the error shortened further, then dropped.
 */
public final class TerminationMessage {

    static final int TEST_MESSAGE_CHARS = 64;
    static final int LONG_MESSAGE_BYTES = 1024;

    private TerminationMessage() {
    }

    public static String render(StepResult result) {
        return render(result, StepResult.MAX_BYTES);
    }

    static String render(StepResult result, int maxBytes) {
        String json = Json.write(result);
        if (fits(json, maxBytes)) {
            return json;
        }
        int testCount = result.tests() == null ? 0 : result.tests().size();
        StepResult shortened = withParts(result, shortTests(result.tests()), shorten(result.compile(), LONG_MESSAGE_BYTES),
                shorten(result.error(), LONG_MESSAGE_BYTES), testCount);
        json = Json.write(shortened);
        if (fits(json, maxBytes)) {
            return json;
        }
        List<TestResult> tests = shortened.tests() == null ? List.of() : shortened.tests();
        // The largest prefix of tests that fits: binary search over the count kept.
        int lo = 0;
        int hi = tests.size();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (fits(Json.write(withTests(shortened, tests.subList(0, mid))), maxBytes)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        StepResult cut = withTests(shortened, tests.subList(0, lo));
        json = Json.write(cut);
        for (int bytes = 256; !fits(json, maxBytes) && bytes >= 0; bytes = bytes > 0 ? bytes / 4 : -1) {
            cut = withParts(cut, cut.tests(), shorten(cut.compile(), bytes), shorten(cut.error(), bytes), testCount);
            json = Json.write(cut);
        }
        if (!fits(json, maxBytes)) {
            cut = withParts(cut, cut.tests(), null, null, testCount);
            json = Json.write(cut);
        }
        return json;
    }

    private static boolean fits(String json, int maxBytes) {
        return json.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    private static StepResult withTests(StepResult r, List<TestResult> tests) {
        return new StepResult(r.step(), r.verdict(), r.score(), r.maxScore(), r.timeMs(), r.memoryKiB(), r.compile(),
                tests, r.testCount(), true, r.judge(), r.error(), r.nodeFault());
    }

    private static StepResult withParts(StepResult r, List<TestResult> tests, CompileResult compile, String error, int testCount) {
        return new StepResult(r.step(), r.verdict(), r.score(), r.maxScore(), r.timeMs(), r.memoryKiB(), compile,
                tests, r.tests() == null ? r.testCount() : Integer.valueOf(testCount), true, r.judge(), error, r.nodeFault());
    }

    private static List<TestResult> shortTests(List<TestResult> tests) {
        if (tests == null) {
            return null;
        }
        List<TestResult> out = new ArrayList<>(tests.size());
        for (TestResult t : tests) {
            String m = t.message();
            if (m != null && m.length() > TEST_MESSAGE_CHARS) {
                m = cutChars(m, TEST_MESSAGE_CHARS - 3) + "...";
            }
            out.add(new TestResult(t.name(), t.verdict(), t.timeMs(), t.memoryKiB(), t.exitCode(), t.signal(), t.points(), m));
        }
        return out;
    }

    private static CompileResult shorten(CompileResult c, int maxBytes) {
        if (c == null || c.message() == null) {
            return c;
        }
        return new CompileResult(c.success(), shorten(c.message(), maxBytes), c.timeMs());
    }

    /** At most {@code maxBytes} bytes of UTF-8 (JSON escapes may add some: the caller measures the result). */
    static String shorten(String s, int maxBytes) {
        if (s == null) {
            return null;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return s;
        }
        int chars = 0;
        int used = 0;
        int budget = Math.max(0, maxBytes - 3);
        while (chars < s.length()) {
            int cp = s.codePointAt(chars);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + len > budget) {
                break;
            }
            used += len;
            chars += Character.charCount(cp);
        }
        return s.substring(0, chars) + "...";
    }

    private static String cutChars(String s, int n) {
        int end = Math.min(n, s.length());
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
