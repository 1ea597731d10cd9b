package io.kubejudge.runner.cli;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.TestResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human form of a judge result: one row per test, then the verdict and the score. */
final class ResultTable {

    private static final String[] HEADER = {"TEST", "VERDICT", "TIME", "MEMORY", "POINTS", "MESSAGE"};

    private ResultTable() {
    }

    static void print(JudgeResult result, PrintStream out) {
        if (result.compile() != null && !Boolean.TRUE.equals(result.compile().success())) {
            out.println("Compilation failed:");
            out.println(indent(result.compile().message()));
            out.println();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (TestResult t : result.tests()) {
            rows.add(new String[] {
                t.name(),
                t.verdict() == null ? "-" : t.verdict().wireName(),
                t.timeMs() == null ? "-" : t.timeMs() + " ms",
                t.memoryKiB() == null ? "-" : mib(t.memoryKiB()),
                t.points() == null ? "-" : number(t.points()),
                t.message() == null ? "" : t.message().replace('\n', ' ')});
        }
        if (rows.size() > 1) {
            int[] widths = new int[HEADER.length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    boolean last = i == row.length - 1;
                    line.append(last ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
                }
                out.println(line.toString().stripTrailing());
            }
            out.println();
        }
        out.printf(Locale.ROOT, "Verdict: %s   Score: %s/%s   Time: %d ms   Memory: %s%n",
                result.verdict().wireName(), number(result.score()), number(result.maxScore()),
                result.timeMs(), mib(result.memoryKiB()));
        if (result.judge() != null) {
            JudgeResult.JudgeInfo j = result.judge();
            out.printf(Locale.ROOT, "Judged with %s%s%n", j.compilerVersion() == null ? j.language() : j.compilerVersion(),
                    Boolean.FALSE.equals(j.landlock()) ? " (Landlock unavailable: file access not confined)" : "");
        }
    }

    static String mib(long kib) {
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String indent(String text) {
        return text == null ? "" : "  " + text.replace("\n", "\n  ");
    }
}
