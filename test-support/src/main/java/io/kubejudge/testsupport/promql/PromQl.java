package io.kubejudge.testsupport.promql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the part of PromQL our dashboard and alerts use: vector selectors
 * with label matchers ({@code = != =~ !~}), range selectors, aggregations ({@code sum/min/max/avg/
 * count/topk/bottomk/quantile} with {@code by}/{@code without} before or after), function calls,
 * binary operators with Prometheus' precedence ({@code or < and unless < comparisons < + - < * / %
 * < ^}), {@code bool}, {@code on}/{@code ignoring}, {@code group_left}/{@code group_right}, numbers,
 * strings, and {@code offset}. What it does not know it refuses, naming the position — so an
 * expression that parses here is at least of that subset, and its {@link Query#selectors()} and
 * {@link Query#groupingLabels()} are what a name check needs.
 */
public final class PromQl {

    /** A vector selector: the metric name and the label names its matchers use. */
    public record Selector(String metric, Set<String> labels) {
    }

    /** What a parsed expression names. */
    public record Query(String expression, List<Selector> selectors, Set<String> groupingLabels) {
    }

    /** An expression that does not parse; the message names the position and what was expected. */
    public static final class ParseException extends RuntimeException {
        ParseException(String expression, int at, String message) {
            super(message + " at " + at + " in: " + expression);
        }
    }

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group");
    private static final Set<String> FUNCTIONS = Set.of("rate", "irate", "increase", "delta", "idelta", "deriv",
            "histogram_quantile", "absent", "absent_over_time", "max_over_time", "min_over_time", "avg_over_time",
            "sum_over_time", "count_over_time", "last_over_time", "vector", "scalar", "clamp_min", "clamp_max", "clamp",
            "abs", "ceil", "floor", "round", "time", "timestamp", "changes", "resets", "label_replace", "sort", "sort_desc");

    private final String text;
    private final List<Token> tokens;
    private int pos;
    private final List<Selector> selectors = new ArrayList<>();
    private final Set<String> grouping = new LinkedHashSet<>();

    private record Token(String kind, String text, int at) {
    }

    private PromQl(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    public static Query parse(String expression) {
        PromQl p = new PromQl(expression);
        p.expression();
        if (p.pos < p.tokens.size()) {
            throw p.error("unexpected " + p.peek().text());
        }
        return new Query(expression, List.copyOf(p.selectors), Set.copyOf(p.grouping));
    }

    private void expression() {
        binary(0);
    }

    private static final List<Set<String>> LEVELS = List.of(
            Set.of("or"), Set.of("and", "unless"), Set.of("==", "!=", ">", "<", ">=", "<="),
            Set.of("+", "-"), Set.of("*", "/", "%"), Set.of("^"));

    private void binary(int level) {
        if (level == LEVELS.size()) {
            unary();
            return;
        }
        binary(level + 1);
        while (pos < tokens.size() && LEVELS.get(level).contains(peek().text())) {
            pos++;
            if (peekIs("bool")) {
                pos++;
            }
            if (peekIs("on") || peekIs("ignoring")) {
                pos++;
                grouping.addAll(labelList());
                if (peekIs("group_left") || peekIs("group_right")) {
                    pos++;
                    if (peekIs("(")) {
                        grouping.addAll(labelList());
                    }
                }
            }
            binary(level + 1);
        }
    }

    private void unary() {
        if (peekIs("-") || peekIs("+")) {
            pos++;
        }
        primary();
        if (peekIs("[")) {
            range();
        }
        if (peekIs("offset")) {
            pos++;
            expect("duration");
        }
    }

    private void primary() {
        Token t = next();
        switch (t.kind()) {
            case "number", "string" -> {
            }
            case "(" -> {
                expression();
                expect(")");
            }
            case "{" -> {
                pos--;
                selector(null);
            }
            case "ident" -> {
                if (AGGREGATIONS.contains(t.text()) && (peekIs("(") || peekIs("by") || peekIs("without"))) {
                    aggregation();
                } else if (FUNCTIONS.contains(t.text()) && peekIs("(")) {
                    arguments();
                } else if (peekIs("(")) {
                    throw error("unknown function " + t.text());
                } else {
                    selector(t.text());
                }
            }
            default -> throw error("expected an expression, got " + t.text(), t.at());
        }
    }

    private void aggregation() {
        if (peekIs("by") || peekIs("without")) {
            pos++;
            grouping.addAll(labelList());
        }
        arguments();
        if (peekIs("by") || peekIs("without")) {
            pos++;
            grouping.addAll(labelList());
        }
    }

    private void arguments() {
        expect("(");
        if (peekIs(")")) {
            pos++;
            return;
        }
        expression();
        while (peekIs(",")) {
            pos++;
            expression();
        }
        expect(")");
    }

    private List<String> labelList() {
        expect("(");
        List<String> labels = new ArrayList<>();
        while (!peekIs(")")) {
            labels.add(expect("ident").text());
            if (!peekIs(")")) {
                expect(",");
            }
        }
        expect(")");
        return labels;
    }

    private void selector(String metric) {
        Set<String> labels = new LinkedHashSet<>();
        String name = metric;
        if (peekIs("{")) {
            pos++;
            while (!peekIs("}")) {
                String label = expect("ident").text();
                Token op = next();
                if (!Set.of("=", "!=", "=~", "!~").contains(op.text())) {
                    throw error("expected a label matcher operator, got " + op.text(), op.at());
                }
                String value = expect("string").text();
                if (label.equals("__name__") && op.text().equals("=")) {
                    name = value;
                } else {
                    labels.add(label);
                }
                if (!peekIs("}")) {
                    expect(",");
                }
            }
            expect("}");
        }
        if (name == null) {
            throw error("a selector without a metric name");
        }
        selectors.add(new Selector(name, Set.copyOf(labels)));
    }

    private void range() {
        expect("[");
        expect("duration");
        if (peekIs(":")) {
            pos++;
            if (peekIs("duration")) {
                pos++;
            }
        }
        expect("]");
    }

    private boolean peekIs(String kindOrText) {
        if (pos >= tokens.size()) {
            return false;
        }
        Token t = tokens.get(pos);
        return t.kind().equals(kindOrText) && !t.kind().equals("ident") || t.text().equals(kindOrText);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        if (pos >= tokens.size()) {
            throw error("unexpected end");
        }
        return tokens.get(pos++);
    }

    private Token expect(String kind) {
        if (pos >= tokens.size()) {
            throw error("expected " + kind + ", got the end");
        }
        Token t = tokens.get(pos);
        if (!t.kind().equals(kind)) {
            throw error("expected " + kind + ", got " + t.text(), t.at());
        }
        pos++;
        return t;
    }

    private ParseException error(String message) {
        return error(message, pos < tokens.size() ? tokens.get(pos).at() : text.length());
    }

    private ParseException error(String message, int at) {
        return new ParseException(text, at, message);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        boolean inRange = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                StringBuilder value = new StringBuilder();
                while (j < s.length() && s.charAt(j) != c) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    value.append(s.charAt(j++));
                }
                if (j >= s.length()) {
                    throw new ParseException(s, i, "unterminated string");
                }
                out.add(new Token("string", value.toString(), i));
                i = j + 1;
            } else if (inRange && Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)))) {
                    j++;
                }
                String d = s.substring(i, j);
                if (!d.matches("([0-9]+(ms|s|m|h|d|w|y))+")) {
                    throw new ParseException(s, i, "bad duration " + d);
                }
                out.add(new Token("duration", d, i));
                i = j;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == 'e'
                        || (s.charAt(j) == '-' || s.charAt(j) == '+') && s.charAt(j - 1) == 'e')) {
                    j++;
                }
                if (j < s.length() && Character.isLetter(s.charAt(j))) {
                    int k = j;
                    while (k < s.length() && Character.isLetterOrDigit(s.charAt(k))) {
                        k++;
                    }
                    String d = s.substring(i, k);
                    if (!d.matches("([0-9]+(ms|s|m|h|d|w|y))+")) {
                        throw new ParseException(s, i, "bad number " + d);
                    }
                    out.add(new Token("duration", d, i));
                    i = k;
                } else {
                    out.add(new Token("number", s.substring(i, j), i));
                    i = j;
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':' && !inRange) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == ':')) {
                    j++;
                }
                out.add(new Token("ident", s.substring(i, j), i));
                i = j;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (Set.of("!=", "=~", "!~", "==", ">=", "<=").contains(two)) {
                    out.add(new Token(two, two, i));
                    i += 2;
                } else if ("(){}[],=<>+-*/%^:".indexOf(c) >= 0) {
                    out.add(new Token(String.valueOf(c), String.valueOf(c), i));
                    inRange = c == '[' || (c == ':' && inRange);
                    if (c == ']') {
                        inRange = false;
                    }
                    i++;
                } else {
                    throw new ParseException(s, i, "unexpected character '" + c + "'");
                }
            }
        }
        return out;
    }
}
