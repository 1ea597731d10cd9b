package io.kubejudge.operator.externalmetrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A label selector in the string form Kubernetes sends in {@code ?labelSelector=} (what
 * {@code metav1.LabelSelectorAsSelector} prints): terms joined by commas, each {@code k=v},
 * {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k} or {@code !k}.
 */
public final class LabelSelector {

    private record Term(String key, String operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "in" -> value != null && values.contains(value);
                case "notin" -> value == null || !values.contains(value);
                case "exists" -> value != null;
                case "!exists" -> value == null;
                default -> throw new IllegalStateException(operator);
            };
        }
    }

    private final List<Term> terms;

    private LabelSelector(List<Term> terms) {
        this.terms = terms;
    }

    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    /** @throws IllegalArgumentException naming the term that does not parse */
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String raw : splitTerms(selector)) {
            terms.add(term(raw.trim()));
        }
        return new LabelSelector(List.copyOf(terms));
    }

    public boolean matches(Map<String, String> labels) {
        return terms.stream().allMatch(t -> t.matches(labels));
    }

    /** The one value the selector requires for {@code key} ({@code k=v} or {@code k in (v)}), if any. */
    public Optional<String> required(String key) {
        for (Term t : terms) {
            if (t.key.equals(key) && t.operator.equals("in") && t.values.size() == 1) {
                return Optional.of(t.values.iterator().next());
            }
        }
        return Optional.empty();
    }

    private static List<String> splitTerms(String selector) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        out.add(selector.substring(start));
        return out;
    }

    private static Term term(String raw) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("labelSelector: empty term");
        }
        int bang = raw.indexOf("!=");
        int eq = raw.indexOf('=');
        if (bang > 0) {
            return new Term(key(raw.substring(0, bang), raw), "notin", Set.of(value(raw.substring(bang + 2), raw)));
        }
        if (eq > 0) {
            String rest = raw.substring(eq + 1);
            if (rest.startsWith("=")) {
                rest = rest.substring(1);
            }
            return new Term(key(raw.substring(0, eq), raw), "in", Set.of(value(rest, raw)));
        }
        String[] words = raw.split("\\s+", 2);
        if (words.length == 2) {
            String rest = words[1].trim();
            String operator = rest.startsWith("notin") ? "notin" : rest.startsWith("in") ? "in" : null;
            if (operator != null) {
                String list = rest.substring(operator.length()).trim();
                if (list.startsWith("(") && list.endsWith(")")) {
                    Set<String> values = new java.util.HashSet<>();
                    for (String v : list.substring(1, list.length() - 1).split(",")) {
                        values.add(value(v, raw));
                    }
                    return new Term(key(words[0], raw), operator, Set.copyOf(values));
                }
            }
            throw new IllegalArgumentException("labelSelector: cannot parse \"" + raw + "\"");
        }
        if (raw.startsWith("!")) {
            return new Term(key(raw.substring(1), raw), "!exists", Set.of());
        }
        return new Term(key(raw, raw), "exists", Set.of());
    }

    private static String key(String key, String term) {
        String k = key.trim();
        if (!k.matches("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("labelSelector: invalid label key \"" + k + "\" in \"" + term + "\"");
        }
        return k;
    }

    private static String value(String value, String term) {
        String v = value.trim();
        if (!v.matches("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?")) {
            throw new IllegalArgumentException("labelSelector: invalid label value \"" + v + "\" in \"" + term + "\"");
        }
        return v;
    }
}
