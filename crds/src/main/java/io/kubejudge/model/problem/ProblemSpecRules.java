package io.kubejudge.model.problem;

import io.kubejudge.model.checker.CheckerType;
import io.kubejudge.model.checker.CheckerType.Need;
import io.kubejudge.model.checker.CheckerTypes;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.CheckerProgram;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.LanguageLimits;
import io.kubejudge.model.v1alpha1.TestCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a {@link JudgeProblemSpec} must follow, checked the same way, in the same words, by the
 * operator (a JudgeProblem's {@code status.validationErrors}) and the runner (a problem directory or
 * package as it loads). They are the CRD schema's rules and CEL rules
 * (crds/generated/judgeproblems.kubejudge.io-v1.yml), which the API server enforces first but an
 * API server without them (the test one) and a problem directory do not, plus the rules the schema
 * cannot say (names unique, a subtask's tests consecutive, one entry per language, what the
 * checker type needs). Every message starts with the field, from the given root ({@code spec.}
 * for a JudgeProblem, none for a problem.yaml), and names the limit it broke.
 *
 * <p>What depends on the world around the spec (the operator's data ConfigMaps, the runner's
 * files) is checked by each of them on top.
 */
public final class ProblemSpecRules {

    public static final Pattern TEST_NAME = Pattern.compile("^[a-zA-Z0-9][-_.a-zA-Z0-9]{0,62}$");
    public static final Pattern GROUP_NAME = Pattern.compile("^[-_.a-zA-Z0-9]{1,63}$");
    public static final Pattern FILE_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");
    public static final int MAX_TESTS = 1000;
    public static final int MAX_INLINE_CHARS = 65536;
    public static final int MAX_CHECKER_SOURCE_CHARS = 262144;
    public static final int MAX_TITLE_CHARS = 200;
    public static final int MAX_DATA_CONFIG_MAPS = 64;
    /** The schema's {@code @Size(max = Language.COUNT)} of {@code languages} and {@code languageLimits}. */
    public static final int MAX_LANGUAGE_ENTRIES = Language.COUNT;
    /** A grading group's path below data/: '' (data/ itself) or '/'-separated names. */
    public static final Pattern GRADING_PATH = Pattern.compile("^$|^[-_.a-zA-Z0-9]+(/[-_.a-zA-Z0-9]+)*$");
    public static final int MAX_GRADING_PATH_CHARS = 253;
    public static final int MAX_GRADING_GROUPS = 1000;

    private ProblemSpecRules() {
    }

    /**
     * @param root prefixed to every field named: {@code "spec."} for a JudgeProblem, {@code ""} for
     *             a problem.yaml (whose messages the caller prefixes with the file)
     * @return the broken rules, in the order of the spec's fields; empty when it is valid
     */
    public static List<String> errors(JudgeProblemSpec spec, String root) {
        List<String> errors = new ArrayList<>();
        new Check(root, errors).spec(spec);
        return errors;
    }

    /** The languages a field may name, for messages (every id of the Language enum). */
    public static String knownLanguages() {
        return Language.knownIds();
    }

    private record Check(String root, List<String> errors) {

        void spec(JudgeProblemSpec spec) {
            range("timeLimitMs", spec.getTimeLimitMs(), 1, 60000, "ms", true);
            range("memoryLimitMiB", spec.getMemoryLimitMiB(), 16, 8192, "MiB", true);
            range("outputLimitMiB", spec.getOutputLimitMiB(), 1, 1024, "MiB", false);
            if (spec.getTitle() != null && spec.getTitle().length() > MAX_TITLE_CHARS) {
                add("title", spec.getTitle().length() + " characters, at most " + MAX_TITLE_CHARS);
            }
            languages(spec.getLanguages());
            List<TestCase> tests = spec.getTests() == null ? List.of() : spec.getTests();
            tests(tests);
            groups(tests);
            if (spec.getDataConfigMaps() != null && spec.getDataConfigMaps().size() > MAX_DATA_CONFIG_MAPS) {
                add("dataConfigMaps", spec.getDataConfigMaps().size() + " ConfigMaps, at most " + MAX_DATA_CONFIG_MAPS);
            }
            languageLimits(spec.getLanguageLimits());
            checker(spec.getChecker());
            gradingGroups(spec.getGradingGroups() == null ? List.of() : spec.getGradingGroups(), tests);
            interactive(spec);
        }

        /** Kattis grading: paths once, every test in a listed group, require_pass naming groups or tests. */
        private void gradingGroups(List<io.kubejudge.model.v1alpha1.GradingGroup> groups, List<TestCase> tests) {
            if (groups.isEmpty()) {
                return;
            }
            if (groups.size() > MAX_GRADING_GROUPS) {
                add("gradingGroups", groups.size() + " groups, at most " + MAX_GRADING_GROUPS);
            }
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < groups.size(); i++) {
                String path = groups.get(i) == null ? null : groups.get(i).getPath();
                String at = "gradingGroups[" + i + "].path";
                if (path == null) {
                    add(at, "required ('' is data/ itself)");
                } else if (path.length() > MAX_GRADING_PATH_CHARS || !GRADING_PATH.matcher(path).matches()) {
                    add(at, "'" + path + "' must match " + GRADING_PATH.pattern() + " (at most " + MAX_GRADING_PATH_CHARS + " characters)");
                } else {
                    Integer earlier = first.putIfAbsent(path, i);
                    if (earlier != null) {
                        add(at, "'" + path + "' is already the path of " + root + "gradingGroups[" + earlier + "]");
                    }
                }
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < tests.size(); i++) {
                TestCase t = tests.get(i);
                if (t == null) {
                    continue;
                }
                names.add(t.getName());
                if (t.getGradingGroup() == null || !first.containsKey(t.getGradingGroup())) {
                    add("tests[" + i + "].gradingGroup", "'" + t.getGradingGroup() + "' is not the path of one of " + root + "gradingGroups");
                }
                if (t.getGroup() != null) {
                    add("tests[" + i + "].group", "a problem with gradingGroups has no subtask groups (its grading groups score it)");
                }
            }
            for (int i = 0; i < groups.size(); i++) {
                List<String> required = groups.get(i) == null || groups.get(i).getRequirePass() == null ? List.of() : groups.get(i).getRequirePass();
                for (String r : required) {
                    if (!first.containsKey(r) && !names.contains(r)) {
                        add("gradingGroups[" + i + "].requirePass", "'" + r + "' is neither a grading group's path nor a test's name");
                    }
                }
            }
        }

        /** The interactor is the checker program: a Kattis validator or a testlib interactor (docs/interactive.md). */
        private void interactive(JudgeProblemSpec spec) {
            Checker.Type type = spec.getChecker() == null || spec.getChecker().getType() == null ? Checker.Type.TOKENS
                    : spec.getChecker().getType();
            if (Boolean.TRUE.equals(spec.getInteractive()) && type != Checker.Type.KATTIS && type != Checker.Type.SPECIAL) {
                add("interactive", "an interactive problem needs checker.type kattis (an output validator in interactive mode) "
                        + "or special (a testlib interactor), not " + type.name().toLowerCase(java.util.Locale.ROOT));
            }
        }

        private void add(String field, String message) {
            errors.add(root + field + ": " + message);
        }

        private void range(String field, Integer value, int min, int max, String unit, boolean required) {
            if (value == null) {
                if (required) {
                    add(field, "required (" + min + ".." + max + " " + unit + ")");
                }
            } else if (value < min || value > max) {
                add(field, value + " is outside " + min + ".." + max + " " + unit);
            }
        }

        private void languages(List<Language> languages) {
            if (languages == null) {
                return;
            }
            if (languages.size() > MAX_LANGUAGE_ENTRIES) {
                add("languages", languages.size() + " entries, at most " + MAX_LANGUAGE_ENTRIES);
            }
            Map<Language, Integer> first = new HashMap<>();
            for (int i = 0; i < languages.size(); i++) {
                Language l = languages.get(i);
                if (l == null) {
                    add("languages[" + i + "]", "empty entry (known: " + knownLanguages() + ")");
                    continue;
                }
                Integer earlier = first.putIfAbsent(l, i);
                if (earlier != null) {
                    add("languages[" + i + "]", "'" + l.id() + "' is already listed in " + root + "languages[" + earlier + "]");
                }
            }
        }

        /** Test names become file names in the pod: each must be there, a plain name, and once. */
        private void tests(List<TestCase> tests) {
            if (tests.isEmpty()) {
                add("tests", "at least one test is required");
                return;
            }
            if (tests.size() > MAX_TESTS) {
                add("tests", tests.size() + " tests, at most " + MAX_TESTS);
            }
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < tests.size(); i++) {
                TestCase t = tests.get(i);
                String at = "tests[" + i + "]";
                if (t == null) {
                    add(at, "empty entry");
                    continue;
                }
                if (t.getName() == null || t.getName().isBlank()) {
                    add(at + ".name", "required");
                } else if (!TEST_NAME.matcher(t.getName()).matches()) {
                    add(at + ".name", "'" + t.getName() + "' must match " + TEST_NAME.pattern()
                            + " (letters, digits, '-', '_', '.'; at most 63 characters)");
                } else {
                    Integer earlier = first.putIfAbsent(t.getName(), i);
                    if (earlier != null) {
                        add(at + ".name", "'" + t.getName() + "' is also the name of " + root + "tests[" + earlier
                                + "]; each test needs its own name (its data are <name>.in and <name>.ans)");
                    }
                }
                if (t.getPoints() != null && !(t.getPoints() >= 0 && t.getPoints() <= 1_000_000)) {
                    add(at + ".points", t.getPoints() + " is outside 0..1000000");
                }
                if (t.getGroup() != null && !GROUP_NAME.matcher(t.getGroup()).matches()) {
                    add(at + ".group", "'" + t.getGroup() + "' must match " + GROUP_NAME.pattern());
                }
                inline(at + ".input", t.getInput());
                inline(at + ".answer", t.getAnswer());
            }
        }

        private void inline(String field, String value) {
            if (value != null && value.length() > MAX_INLINE_CHARS) {
                add(field, value.length() + " characters inline, at most " + MAX_INLINE_CHARS + " (put larger data in files)");
            }
        }

        /**
         * A subtask's tests must be consecutive. The runner would still score a split group (all its
         * tests must pass), but a group that resumes after other tests is almost always a test put in
         * the wrong group, and the verdict's per-test list would interleave subtasks. Kattis packages
         * and the KubeJudge problem format always produce consecutive groups.
         */
        private void groups(List<TestCase> tests) {
            Map<String, Integer> started = new HashMap<>();
            Set<String> reported = new HashSet<>();
            String previous = null;
            for (int i = 0; i < tests.size(); i++) {
                TestCase t = tests.get(i);
                String group = t == null ? null : t.getGroup();
                if (group != null && !group.equals(previous)) {
                    Integer start = started.putIfAbsent(group, i);
                    if (start != null && reported.add(group)) {
                        errors.add(root + "tests[" + i + "] (" + t.getName() + "): subtask group '" + group
                                + "' resumes after other tests (it began at " + root + "tests[" + start
                                + "]); a group's tests must be consecutive");
                    }
                }
                previous = group;
            }
        }

        /** The Job takes the first entry listed for a language: a second one would be silently ignored. */
        private void languageLimits(List<LanguageLimits> limits) {
            if (limits == null) {
                return;
            }
            if (limits.size() > MAX_LANGUAGE_ENTRIES) {
                add("languageLimits", limits.size() + " entries, at most " + MAX_LANGUAGE_ENTRIES);
            }
            Map<Language, Integer> first = new HashMap<>();
            for (int i = 0; i < limits.size(); i++) {
                LanguageLimits l = limits.get(i);
                String at = "languageLimits[" + i + "]";
                if (l == null) {
                    add(at, "empty entry");
                    continue;
                }
                if (l.getLanguage() == null) {
                    add(at + ".language", "required (known: " + knownLanguages() + ")");
                } else {
                    Integer earlier = first.putIfAbsent(l.getLanguage(), i);
                    if (earlier != null) {
                        add(at + ".language", "'" + l.getLanguage().id() + "' is already listed in " + root
                                + "languageLimits[" + earlier + "]");
                    }
                }
                multiplier(at + ".timeMultiplier", l.getTimeMultiplier());
                multiplier(at + ".memoryMultiplier", l.getMemoryMultiplier());
            }
        }

        private void multiplier(String field, Double value) {
            if (value != null && !(value >= 0.1 && value <= 10)) {
                add(field, value + " is outside 0.1..10");
            }
        }

        /** What the checker's type needs ({@link CheckerType#needs()}), and a well-formed program. */
        private void checker(Checker checker) {
            if (checker == null) {
                return;
            }
            CheckerType type = CheckerTypes.of(checker);
            epsilon("checker.absoluteEpsilon", checker.getAbsoluteEpsilon());
            epsilon("checker.relativeEpsilon", checker.getRelativeEpsilon());
            range("checker.memoryLimitMiB", checker.getMemoryLimitMiB(), 16, 8192, "MiB", false);
            if (type.needs(Need.EPSILON) && checker.getAbsoluteEpsilon() == null && checker.getRelativeEpsilon() == null) {
                add("checker", "a " + type.id() + " checker needs absoluteEpsilon or relativeEpsilon");
            }
            CheckerProgram program = checker.getProgram();
            if (type.needs(Need.PROGRAM) && program == null) {
                add("checker.program", "a " + type.id() + " checker needs its program");
            }
            if (program == null) {
                return;
            }
            if (program.getLanguage() == null) {
                add("checker.program.language", "required (known: " + knownLanguages() + ")");
            }
            if ((program.getSource() == null) == (program.getConfigMapKey() == null)) {
                add("checker.program", "give the checker source either inline (source) or as configMapKey, not both");
            }
            if (program.getSource() != null && program.getSource().length() > MAX_CHECKER_SOURCE_CHARS) {
                add("checker.program.source", program.getSource().length() + " characters, at most " + MAX_CHECKER_SOURCE_CHARS);
            }
            fileKey("checker.program.configMapKey", program.getConfigMapKey());
            fileKey("checker.program.fileName", program.getFileName());
        }

        private void epsilon(String field, Double value) {
            if (value != null && !(value >= 0 && value <= 1)) {
                add(field, value + " is outside 0..1");
            }
        }

        private void fileKey(String field, String value) {
            if (value != null && !FILE_KEY.matcher(value).matches()) {
                add(field, "'" + value + "' must match " + FILE_KEY.pattern() + " (a plain file name)");
            }
        }
    }
}
