package io.kubejudge.runner.problem;

import io.kubejudge.model.problem.ProblemSpecRules;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubejudge.model.result.Language;
import io.kubejudge.runner.language.Languages;
import io.kubejudge.model.v1alpha1.Checker;
import io.kubejudge.model.v1alpha1.CheckerProgram;
import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import io.kubejudge.runner.problem.KattisScoring.Assignment;
import io.kubejudge.runner.problem.KattisTestTree.Case;
import io.kubejudge.runner.problem.KattisTestTree.Group;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * An ICPC/Kattis problem package, legacy or 2023-07 ({@code problem_format_version}).
 *
 * <ul>
 *   <li>Time limit: {@code limits.time_limit} (seconds), else the {@code .timelimit} file, else
 *       DOMjudge's {@code domjudge-problem.ini}, else 1 s.
 *   <li>Memory: {@code limits.memory} MiB (default 2048, capped to 8192); output:
 *       {@code limits.output} MiB (default 64, KubeJudge's default, capped to 1024). An
 *       interactor's: {@code limits.validation_memory} MiB (default 2048, capped to 8192).
 *   <li>Tests: {@code data/sample} then {@code data/secret}, groups in lexicographic order, named
 *       by their path ({@code secret-group1-05}); points and grading by {@link KattisScoring}.
 *   <li>Checking: the default validator with {@code validator_flags} becomes a tokens or float
 *       checker ({@link KattisValidatorFlags}); a custom one ({@code validation: custom} with
 *       {@code output_validators/}, or {@code output_validator/}) is run as a Kattis validator.
 *       Interactive problems ({@code type: interactive}, legacy {@code validation: custom interactive})
 *       run the validator in interactive mode beside the submission ({@code interactive: true}).
 *       Multi-pass and submit-answer problems are refused.
 * </ul>
 */
final class KattisPackage {

    private static final Set<String> MODERN_UNSUPPORTED_TYPES = Set.of("multi-pass", "submit-answer");

    private KattisPackage() {
    }

    static Problem read(Path dir, JsonNode yaml) throws ProblemException {
        String version = yaml.path("problem_format_version").asText("legacy");
        boolean legacy = version.startsWith("legacy");
        boolean scoring = problemType(yaml);
        boolean custom = customValidation(yaml, dir, legacy);
        boolean interactive = interactive(yaml);
        if (interactive && !custom) {
            throw new ProblemException("problem.yaml: an interactive problem needs its output validator (output_validator/ or output_validators/)");
        }

        JudgeProblemSpec spec = new JudgeProblemSpec();
        spec.setTitle(title(yaml));
        spec.setTimeLimitMs(timeLimitMs(dir, yaml));
        spec.setMemoryLimitMiB(memoryMiB(yaml));
        spec.setOutputLimitMiB(outputMiB(yaml));
        spec.setLanguages(languages(yaml));

        Group data = KattisTestTree.read(dir);
        KattisNames names = new KattisNames();
        KattisScoring.Grading grading = null;
        if (scoring) {
            grading = KattisScoring.usesScoringMaps(data) || !(KattisScoring.usesLegacyKeys(data) || legacy)
                    ? KattisScoring.modern(data) : KattisScoring.legacy(data, yaml, true);
        } else if (KattisScoring.customizesGrading(data, yaml)) {
            grading = KattisScoring.legacy(data, yaml, false);
        }
        Map<Case, Assignment> points = grading == null ? KattisScoring.passFail(data) : null;
        if (grading != null) {
            spec.setGradingGroups(grading.groups());
        }
        spec.setStopOnFirstFailure(grading == null || grading.stopOnFirstFailure());

        Path dataDir = ProblemWorkspace.newDirectory("data");
        List<TestCase> tests = new ArrayList<>();
        try {
            for (Case c : data.cases()) {
                String name = names.testName(c.path());
                TestCase t;
                if (grading != null) {
                    t = new TestCase(name, grading.points().get(c));
                    t.setGradingGroup(c.parent().path());
                } else {
                    Assignment a = points.get(c);
                    t = new TestCase(name, a.points());
                    t.setGroup(a.group());
                }
                if (c.path().startsWith("sample/")) {
                    t.setSample(true);
                }
                tests.add(t);
                Files.createSymbolicLink(dataDir.resolve(name + ".in"), c.input().toAbsolutePath());
                Files.createSymbolicLink(dataDir.resolve(name + ".ans"), c.answer().toAbsolutePath());
            }
        } catch (IOException e) {
            throw new ProblemException("cannot prepare the test data directory " + dataDir + ": " + e.getMessage(), e);
        }
        spec.setTests(tests);

        List<String> flags = validatorFlags(yaml, data, legacy);
        Path checkerSource = null;
        if (custom) {
            Checker checker = new Checker();
            checker.setType(Checker.Type.KATTIS);
            checker.setValidatorFlags(flags.isEmpty() ? null : String.join(" ", flags));
            checker.setMemoryLimitMiB(validationMemoryMiB(yaml));
            CheckerProgram program = new CheckerProgram();
            checkerSource = validatorProgram(dir, program);
            checker.setProgram(program);
            spec.setChecker(checker);
        } else {
            spec.setChecker(KattisValidatorFlags.defaultChecker(flags, "problem.yaml"));
        }
        if (interactive) {
            spec.setInteractive(true);
        }
        ProblemException.throwIfAny("problem.yaml", ProblemSpecRules.errors(spec, ""));
        return new Problem(ProblemNames.fromDirectory(dir), spec, dataDir, checkerSource);
    }

    private static boolean problemType(JsonNode yaml) throws ProblemException {
        List<String> types = new ArrayList<>();
        JsonNode type = yaml.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (!type.isMissingNode() && !type.isNull()) {
            types.addAll(Arrays.asList(type.asText().trim().split("\\s+")));
        }
        boolean scoring = false;
        for (String t : types) {
            if (MODERN_UNSUPPORTED_TYPES.contains(t)) {
                throw new ProblemException("problem.yaml: type '" + t + "' is not supported: KubeJudge judges pass-fail and scoring problems"
                        + " whose output is checked after the run");
            }
            if (t.equals("scoring")) {
                scoring = true;
            } else if (!t.equals("pass-fail") && !t.equals("interactive")) {
                throw new ProblemException("problem.yaml: type '" + t + "' is not one of pass-fail, scoring, interactive");
            }
        }
        return scoring;
    }

    /** 2023-07: {@code type} lists it; legacy: {@code validation: custom interactive}. */
    private static boolean interactive(JsonNode yaml) {
        JsonNode type = yaml.path("type");
        List<String> words = new ArrayList<>(Arrays.asList(yaml.path("validation").asText("").trim().split("\\s+")));
        if (type.isArray()) {
            type.forEach(t -> words.add(t.asText()));
        } else if (type.isTextual()) {
            words.addAll(Arrays.asList(type.asText().trim().split("\\s+")));
        }
        return words.contains("interactive");
    }

    private static boolean customValidation(JsonNode yaml, Path dir, boolean legacy) throws ProblemException {
        String validation = yaml.path("validation").asText("default").trim();
        List<String> words = Arrays.asList(validation.split("\\s+"));
        if (!words.get(0).equals("default") && !words.get(0).equals("custom")) {
            throw new ProblemException("problem.yaml: validation '" + validation + "' must start with default or custom");
        }
        boolean hasModernDir = Files.isDirectory(dir.resolve("output_validator"));
        boolean hasLegacyDir = Files.isDirectory(dir.resolve("output_validators"));
        if (words.get(0).equals("custom")) {
            if (!hasModernDir && !hasLegacyDir) {
                throw new ProblemException("problem.yaml: validation is custom but there is no output_validators/ (or output_validator/) directory");
            }
            return true;
        }
        // From 2023-07 on, the presence of the validator is what makes validation custom.
        return !legacy && !yaml.has("validation") && hasModernDir;
    }

    private static String title(JsonNode yaml) {
        JsonNode name = yaml.path("name");
        String title = null;
        if (name.isTextual()) {
            title = name.asText();
        } else if (name.isObject()) {
            title = name.has("en") ? name.get("en").asText() : name.elements().hasNext() ? name.elements().next().asText() : null;
        }
        if (title != null && title.length() > 200) {
            title = title.substring(0, 200);
        }
        return title;
    }

    private static int timeLimitMs(Path dir, JsonNode yaml) throws ProblemException {
        JsonNode limit = yaml.path("limits").path("time_limit");
        if (!limit.isMissingNode() && !limit.isNull()) {
            if (!limit.isNumber() || limit.asDouble() <= 0) {
                throw new ProblemException("problem.yaml: limits.time_limit '" + limit.asText() + "' must be a positive number of seconds");
            }
            return secondsToMs(limit.asDouble(), "problem.yaml: limits.time_limit");
        }
        Path timelimit = dir.resolve(".timelimit");
        if (Files.isRegularFile(timelimit)) {
            String text = readSmall(timelimit).trim();
            try {
                return secondsToMs(Double.parseDouble(text), ".timelimit");
            } catch (NumberFormatException e) {
                throw new ProblemException(".timelimit: '" + text + "' is not a number of seconds");
            }
        }
        Path ini = dir.resolve("domjudge-problem.ini");
        if (Files.isRegularFile(ini)) {
            Matcher m = KattisTimeLimit.INI_TIMELIMIT.matcher(readSmall(ini));
            if (m.find()) {
                return secondsToMs(Double.parseDouble(m.group(1)), "domjudge-problem.ini: timelimit");
            }
        }
        return 1000;
    }

    private static int secondsToMs(double seconds, String where) throws ProblemException {
        long ms = Math.round(seconds * 1000);
        if (ms < 1 || ms > 60000) {
            throw new ProblemException(where + ": " + seconds + " s is outside KubeJudge's 0.001..60 s");
        }
        return (int) ms;
    }

    private static String readSmall(Path f) throws ProblemException {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProblemException(f.getFileName() + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static int memoryMiB(JsonNode yaml) throws ProblemException {
        int mib = positiveInt(yaml.path("limits").path("memory"), "limits.memory", 2048);
        if (mib < 16) {
            throw new ProblemException("problem.yaml: limits.memory " + mib + " MiB is below KubeJudge's minimum of 16 MiB");
        }
        return Math.min(mib, 8192);
    }

    /** {@code limits.validation_memory}, or null (the runner's default, the format's typical 2048). */
    private static Integer validationMemoryMiB(JsonNode yaml) throws ProblemException {
        JsonNode n = yaml.path("limits").path("validation_memory");
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        int mib = positiveInt(n, "limits.validation_memory", Checker.DEFAULT_MEMORY_LIMIT_MIB);
        if (mib < 16) {
            throw new ProblemException("problem.yaml: limits.validation_memory " + mib + " MiB is below KubeJudge's minimum of 16 MiB");
        }
        return Math.min(mib, 8192);
    }

    private static int outputMiB(JsonNode yaml) throws ProblemException {
        return Math.min(positiveInt(yaml.path("limits").path("output"), "limits.output", 64), 1024);
    }

    private static int positiveInt(JsonNode n, String field, int dflt) throws ProblemException {
        if (n.isMissingNode() || n.isNull()) {
            return dflt;
        }
        if (!n.isNumber() || n.asDouble() < 1) {
            throw new ProblemException("problem.yaml: " + field + " '" + n.asText() + "' must be a positive number of MiB");
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.round(n.asDouble()));
    }

    private static List<Language> languages(JsonNode yaml) throws ProblemException {
        JsonNode langs = yaml.path("languages");
        List<String> codes = new ArrayList<>();
        if (langs.isArray()) {
            langs.forEach(l -> codes.add(l.asText()));
        } else if (langs.isTextual()) {
            codes.addAll(Arrays.asList(langs.asText().trim().split("[\\s,]+")));
        }
        if (codes.isEmpty() || codes.contains("all")) {
            return new ArrayList<>();
        }
        Set<Language> out = EnumSet.noneOf(Language.class);
        // Languages KubeJudge does not judge are simply not offered.
        for (String code : codes) {
            Languages.all().stream().filter(d -> d.kattisCodes().contains(code.toLowerCase(Locale.ROOT)))
                    .forEach(d -> out.add(d.language()));
        }
        if (out.isEmpty()) {
            throw new ProblemException("problem.yaml: languages " + codes + " include none KubeJudge judges ("
                    + Languages.all().stream().flatMap(d -> d.kattisCodes().stream()).collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        return new ArrayList<>(out);
    }

    /**
     * The arguments every test's validator gets: problem.yaml's {@code validator_flags} plus the
     * groups' {@code output_validator_args}/{@code output_validator_flags}. The resource holds one
     * set for all tests, so groups that differ are refused.
     */
    private static List<String> validatorFlags(JsonNode yaml, Group data, boolean legacy) throws ProblemException {
        List<String> base = words(yaml.path("validator_flags"), "problem.yaml: validator_flags");
        List<String> common = null;
        String commonFrom = null;
        for (Case c : data.cases()) {
            Group owner = groupFlagsOwner(c.parent(), legacy);
            List<String> groupFlags = owner == null ? List.of() : groupFlags(owner);
            if (common == null) {
                common = groupFlags;
                commonFrom = owner == null ? "data/" : owner.configFile();
            } else if (!common.equals(groupFlags)) {
                throw new ProblemException((owner == null ? "data/" + c.parent().path() : owner.configFile())
                        + ": output validator arguments " + groupFlags + " differ from " + common + " (" + commonFrom
                        + "): KubeJudge gives one set of validator flags to every test");
            }
        }
        List<String> all = new ArrayList<>(base);
        if (common != null) {
            all.addAll(common);
        }
        return all;
    }

    private static Group groupFlagsOwner(Group g, boolean legacy) {
        for (Group at = g; at != null; at = at.parent()) {
            if (legacy ? at.configFile() != null : hasGroupFlags(at)) {
                return legacy && !hasGroupFlags(at) ? null : at;
            }
        }
        return null;
    }

    private static boolean hasGroupFlags(Group g) {
        return g.config().has("output_validator_args") || g.config().has("output_validator_flags");
    }

    private static List<String> groupFlags(Group g) throws ProblemException {
        JsonNode n = g.config().has("output_validator_args") ? g.config().get("output_validator_args")
                : g.config().path("output_validator_flags");
        if (n.isObject()) {
            n = n.path("flags");
        }
        return words(n, g.configFile() + ": output validator arguments");
    }

    private static List<String> words(JsonNode n, String where) throws ProblemException {
        List<String> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                out.add(it.next().asText());
            }
        } else if (n.isValueNode()) {
            for (String w : n.asText().trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        } else {
            throw new ProblemException(where + " must be a string or a list of strings");
        }
        return out;
    }

    /**
     * Finds the custom output validator and describes it in {@code program}. A C/C++ validator is
     * one source file (local headers pasted in); a directory with build/run scripts, or a Python
     * or Java program of several files, is returned as the directory (judged locally; the
     * {@code problem} command refuses it, as a JudgeProblem carries one source file).
     */
    private static Path validatorProgram(Path dir, CheckerProgram program) throws ProblemException {
        Path modern = dir.resolve("output_validator");
        Path programPath;
        String where;
        if (Files.isDirectory(modern)) {
            programPath = modern;
            where = "output_validator/";
        } else {
            Path legacyDir = dir.resolve("output_validators");
            List<Path> entries = list(legacyDir, "output_validators/").stream()
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || SourceFiles.languageOf(p).isPresent())
                    .toList();
            if (entries.size() != 1) {
                throw new ProblemException("output_validators/: holds " + entries.size()
                        + " validators; KubeJudge runs exactly one (a directory or a single source file)");
            }
            programPath = entries.get(0);
            where = "output_validators/" + programPath.getFileName() + (Files.isDirectory(programPath) ? "/" : "");
        }
        Path source;
        if (Files.isDirectory(programPath)) {
            source = programInDirectory(programPath, where, program);
        } else {
            source = programPath;
            program.setLanguage(SourceFiles.languageOf(programPath).orElseThrow());
        }
        String key = source.getFileName().toString();
        if (key.endsWith(".in") || key.endsWith(".ans") || !ProblemSpecRules.FILE_KEY.matcher(key).matches()) {
            key = "validator" + (Files.isDirectory(source) ? "" : extension(key));
        }
        program.setFileName(key);
        program.setConfigMapKey(key);
        return Files.isDirectory(source) ? source : KubeJudgeFormat.bundled(source, program.getLanguage());
    }

    private static Path programInDirectory(Path programDir, String where, CheckerProgram program) throws ProblemException {
        List<Path> files = list(programDir, where);
        List<Path> sources = files.stream().filter(f -> Files.isRegularFile(f) && SourceFiles.languageOf(f).isPresent()).toList();
        Set<Language> langs = EnumSet.noneOf(Language.class);
        sources.forEach(s -> langs.add(SourceFiles.languageOf(s).orElseThrow()));
        boolean scripts = files.stream().anyMatch(f -> {
            String n = f.getFileName().toString();
            return n.equals("build") || n.equals("run");
        });
        if (scripts) {
            // A build/run program: our language is only a label (its scripts build it).
            program.setLanguage(langs.size() == 1 ? langs.iterator().next() : Language.CPP);
            return programDir;
        }
        if (langs.size() != 1) {
            throw new ProblemException(where + ": cannot tell the validator's language (sources in " + langs.size()
                    + " languages; add build and run scripts)");
        }
        Language language = langs.iterator().next();
        program.setLanguage(language);
        if (sources.size() == 1) {
            return sources.get(0);
        }
        if (language == Language.C || language == Language.CPP) {
            throw new ProblemException(where + ": " + sources.size() + " C/C++ source files; KubeJudge builds one"
                    + " (headers are fine) unless the directory has build and run scripts");
        }
        if (language == Language.PYTHON && sources.stream().noneMatch(s -> s.getFileName().toString().equals("__main__.py"))) {
            throw new ProblemException(where + ": several Python files but no __main__.py entry point");
        }
        return programDir;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    private static List<Path> list(Path dir, String where) throws ProblemException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new ProblemException(where + ": cannot list: " + e.getMessage(), e);
        }
    }
}
