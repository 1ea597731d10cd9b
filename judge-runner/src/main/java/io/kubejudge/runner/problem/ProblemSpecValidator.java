package io.kubejudge.runner.problem;

import io.kubejudge.model.result.Language;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.CheckerProgram;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.LanguageLimits;
import io.kubejudge.model.v1alpha1.TestCase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link JudgeProblemSpec} against the same rules the CRD schema and its CEL rules
 * enforce (crds/generated/judgeproblems.kubejudge.io-v1.yml), so that a problem directory that
 * loads here is also accepted by the API server. Every message names the field and its limit.
 */
public final class ProblemSpecValidator {

    public static final Pattern TEST_NAME = Pattern.compile("^[a-zA-Z0-9][-_.a-zA-Z0-9]{0,62}$");
    public static final Pattern GROUP_NAME = Pattern.compile("^[-_.a-zA-Z0-9]{1,63}$");
    public static final Pattern FILE_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");
    public static final int MAX_TESTS = 1000;
    public static final int MAX_INLINE_CHARS = 65536;
    public static final int MAX_CHECKER_SOURCE_CHARS = 262144;

    private ProblemSpecValidator() {
    }

    /**
     * @param where             the file the spec came from, prefixed to every message
     * @param dataInConfigMaps  whether test data lives outside the spec (files or ConfigMaps);
     *                          when false every test must carry inline input and answer
     */
    public static void validate(JudgeProblemSpec spec, String where, boolean dataInConfigMaps) throws ProblemException {
        List<String> errors = new ArrayList<>();
        range(errors, "timeLimitMs", spec.getTimeLimitMs(), 1, 60000, "milliseconds", true);
        range(errors, "memoryLimitMiB", spec.getMemoryLimitMiB(), 16, 8192, "MiB", true);
        range(errors, "outputLimitMiB", spec.getOutputLimitMiB(), 1, 1024, "MiB", false);
        if (spec.getTitle() != null && spec.getTitle().length() > 200) {
            errors.add("title: " + spec.getTitle().length() + " characters, at most 200 allowed");
        }
        languages(errors, spec.getLanguages());
        tests(errors, spec, dataInConfigMaps);
        if (spec.getDataConfigMaps() != null && spec.getDataConfigMaps().size() > 64) {
            errors.add("dataConfigMaps: " + spec.getDataConfigMaps().size() + " ConfigMaps, at most 64 allowed");
        }
        languageLimits(errors, spec.getLanguageLimits());
        checker(errors, spec.getChecker());
        if (!errors.isEmpty()) {
            throw new ProblemException(where + ": " + String.join("; ", errors));
        }
    }

    private static void range(List<String> errors, String field, Integer value, int min, int max, String unit, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(field + " is required (" + min + ".." + max + " " + unit + ")");
            }
            return;
        }
        if (value < min || value > max) {
            errors.add(field + ": " + value + " is outside " + min + ".." + max + " " + unit);
        }
    }

    private static void languages(List<String> errors, List<Language> languages) {
        if (languages == null) {
            return;
        }
        if (languages.size() > Language.COUNT) {
            errors.add("languages: " + languages.size() + " entries, at most " + Language.COUNT + " allowed");
        }
        if (languages.contains(null)) {
            errors.add("languages: empty entry (known: " + Language.knownIds() + ")");
        }
        if (new HashSet<>(languages).size() != languages.size()) {
            errors.add("languages: duplicate entries " + languages);
        }
    }

    private static void tests(List<String> errors, JudgeProblemSpec spec, boolean dataInConfigMaps) {
        List<TestCase> tests = spec.getTests();
        if (tests == null || tests.isEmpty()) {
            errors.add("tests: at least one test is required");
            return;
        }
        if (tests.size() > MAX_TESTS) {
            errors.add("tests: " + tests.size() + " tests, at most " + MAX_TESTS + " allowed");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tests.size(); i++) {
            TestCase t = tests.get(i);
            String at = "tests[" + i + "]";
            if (t == null) {
                errors.add(at + ": empty entry");
                continue;
            }
            if (t.getName() == null) {
                errors.add(at + ".name is required");
            } else {
                at = "tests[" + i + "] (" + t.getName() + ")";
                if (!TEST_NAME.matcher(t.getName()).matches()) {
                    errors.add(at + ".name must match " + TEST_NAME.pattern()
                            + " (letters, digits, '-', '_', '.'; at most 63 characters)");
                }
                if (!names.add(t.getName())) {
                    errors.add(at + ".name is used by two tests");
                }
            }
            if (t.getPoints() != null && (t.getPoints() < 0 || t.getPoints() > 1_000_000 || t.getPoints().isNaN())) {
                errors.add(at + ".points: " + t.getPoints() + " is outside 0..1000000");
            }
            if (t.getGroup() != null && !GROUP_NAME.matcher(t.getGroup()).matches()) {
                errors.add(at + ".group must match " + GROUP_NAME.pattern());
            }
            inline(errors, at + ".input", t.getInput());
            inline(errors, at + ".answer", t.getAnswer());
            if (!dataInConfigMaps && (t.getInput() == null || t.getAnswer() == null)) {
                errors.add(at + " needs inline input and answer unless dataConfigMaps names the ConfigMaps holding them");
            }
        }
    }

    private static void inline(List<String> errors, String field, String value) {
        if (value != null && value.length() > MAX_INLINE_CHARS) {
            errors.add(field + ": " + value.length() + " characters inline, at most " + MAX_INLINE_CHARS
                    + " (put larger data in files)");
        }
    }

    private static void languageLimits(List<String> errors, List<LanguageLimits> limits) {
        if (limits == null) {
            return;
        }
        if (limits.size() > Language.COUNT) {
            errors.add("languageLimits: " + limits.size() + " entries, at most " + Language.COUNT + " allowed");
        }
        Set<Language> seen = new HashSet<>();
        for (int i = 0; i < limits.size(); i++) {
            LanguageLimits l = limits.get(i);
            String at = "languageLimits[" + i + "]";
            if (l == null) {
                errors.add(at + ": empty entry");
                continue;
            }
            if (l.getLanguage() == null) {
                errors.add(at + ".language is required (" + Language.knownIds() + ")");
            } else if (!seen.add(l.getLanguage())) {
                errors.add(at + ".language " + l.getLanguage().id() + " is listed twice");
            }
            multiplier(errors, at + ".timeMultiplier", l.getTimeMultiplier());
            multiplier(errors, at + ".memoryMultiplier", l.getMemoryMultiplier());
        }
    }

    private static void multiplier(List<String> errors, String field, Double value) {
        if (value != null && !(value >= 0.1 && value <= 10)) {
            errors.add(field + ": " + value + " is outside 0.1..10");
        }
    }

    private static void checker(List<String> errors, Checker checker) {
        if (checker == null) {
            return;
        }
        Checker.Type type = checker.getType() == null ? Checker.Type.TOKENS : checker.getType();
        epsilon(errors, "checker.absoluteEpsilon", checker.getAbsoluteEpsilon());
        epsilon(errors, "checker.relativeEpsilon", checker.getRelativeEpsilon());
        if (type == Checker.Type.FLOAT && checker.getAbsoluteEpsilon() == null && checker.getRelativeEpsilon() == null) {
            errors.add("checker: a float checker needs absoluteEpsilon or relativeEpsilon");
        }
        boolean needsProgram = type == Checker.Type.SPECIAL || type == Checker.Type.KATTIS;
        CheckerProgram program = checker.getProgram();
        if (needsProgram && program == null) {
            errors.add("checker: a " + type.name().toLowerCase() + " checker needs its program");
        }
        if (program == null) {
            return;
        }
        if (program.getLanguage() == null) {
            errors.add("checker.program.language is required (" + Language.knownIds() + ")");
        }
        if ((program.getSource() == null) == (program.getConfigMapKey() == null)) {
            errors.add("checker.program: give the checker source either inline (source) or as configMapKey, not both");
        }
        if (program.getSource() != null && program.getSource().length() > MAX_CHECKER_SOURCE_CHARS) {
            errors.add("checker.program.source: " + program.getSource().length() + " characters, at most "
                    + MAX_CHECKER_SOURCE_CHARS);
        }
        key(errors, "checker.program.configMapKey", program.getConfigMapKey());
        key(errors, "checker.program.fileName", program.getFileName());
    }

    private static void epsilon(List<String> errors, String field, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            errors.add(field + ": " + value + " is outside 0..1");
        }
    }

    private static void key(List<String> errors, String field, String value) {
        if (value != null && !FILE_KEY.matcher(value).matches()) {
            errors.add(field + " '" + value + "' must match " + FILE_KEY.pattern() + " (a plain file name)");
        }
    }
}
