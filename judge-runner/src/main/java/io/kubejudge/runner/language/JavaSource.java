package io.kubejudge.runner.language;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the runner needs to know about a Java submission: its package, its public top-level type
 * (which names the file) and the top-level type declaring {@code main} (which the JVM starts).
 * A light scan (comments and literals blanked, braces counted), not a parser: enough for the
 * shapes submissions take, including nested helper classes before {@code main}.
 */
record JavaSource(Optional<String> packageName, Optional<String> publicType, Optional<String> mainType) {

    private static final Pattern NOISE = Pattern.compile(
            "(?s)/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'");
    // Identifiers are Unicode (a class may be named in Cyrillic): \\w and \\b with UNICODE_CHARACTER_CLASS.
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern TYPE = Pattern.compile("\\b(class|interface|enum|record)\\s+([\\p{L}_$][\\w$]*)",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern MODIFIERS_BEFORE = Pattern.compile("((?:\\b(?:public|final|abstract|strictfp|sealed|non-sealed)\\s+)*)$");
    private static final Pattern MAIN = Pattern.compile("\\bstatic\\s+(?:final\\s+)?void\\s+main\\s*\\(|\\bvoid\\s+static\\s+main\\s*\\(");

    static JavaSource scan(String source) {
        String code = blankNoise(source);
        Optional<String> pkg = Optional.empty();
        Matcher p = PACKAGE.matcher(code);
        if (p.find()) {
            pkg = Optional.of(p.group(1));
        }
        int[] depth = depths(code);
        Optional<String> publicType = Optional.empty();
        Optional<String> mainType = Optional.empty();
        Matcher t = TYPE.matcher(code);
        while (t.find()) {
            if (depth[t.start()] != 0) {
                continue;
            }
            String name = t.group(2);
            String before = code.substring(Math.max(0, t.start() - 80), t.start());
            Matcher mods = MODIFIERS_BEFORE.matcher(before);
            if (publicType.isEmpty() && mods.find() && mods.group(1).contains("public")) {
                publicType = Optional.of(name);
            }
            if (mainType.isEmpty() && declaresMain(code, depth, t.end())) {
                mainType = Optional.of(name);
            }
        }
        return new JavaSource(pkg, publicType, mainType);
    }

    /** Whether the body opening after {@code from} declares main directly (depth 1 inside it). */
    private static boolean declaresMain(String code, int[] depth, int from) {
        int open = code.indexOf('{', from);
        if (open < 0) {
            return false;
        }
        int end = open + 1;
        while (end < code.length() && !(code.charAt(end) == '}' && depth[end] == 1)) {
            end++;
        }
        Matcher m = MAIN.matcher(code).region(open + 1, end);
        while (m.find()) {
            if (depth[m.start()] == 1) {
                return true;
            }
        }
        return false;
    }

    /** Brace depth before each character. */
    private static int[] depths(String code) {
        int[] d = new int[code.length() + 1];
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            d[i] = depth;
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            }
        }
        d[code.length()] = depth;
        // A closing brace belongs to the level it closes.
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) == '}') {
                d[i] = d[i + 1] + 1;
            }
        }
        return d;
    }

    /** Comments and literals replaced by spaces of the same length, so offsets still line up. */
    private static String blankNoise(String source) {
        Matcher m = NOISE.matcher(source);
        StringBuilder out = new StringBuilder(source.length());
        int last = 0;
        while (m.find()) {
            out.append(source, last, m.start());
            for (int i = m.start(); i < m.end(); i++) {
                out.append(source.charAt(i) == '\n' ? '\n' : ' ');
            }
            last = m.end();
        }
        return out.append(source.substring(last)).toString();
    }
}
