package io.kubejudge.runner.language;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go, standard library only, built offline (GOPATH mode, no module proxy, no cgo) with every
 * cache inside the build directory. Runs on one OS thread's worth of parallelism (GOMAXPROCS=1)
 * and tells the collector the memory limit (GOMEMLIMIT) so it collects before the judge kills.
 */
public class GoLanguage extends LanguageDefinition {

    @Override
    public String id() {
        return "go";
    }

    @Override
    public String displayName() {
        return "Go";
    }

    @Override
    public List<String> imagePackages() {
        return List.of("golang-go");
    }

    @Override
    public List<String> extensions() {
        return List.of(".go");
    }

    @Override
    public List<String> compileCommand(List<Path> sources, Path buildDir, String mainFile) {
        List<String> cmd = new ArrayList<>(List.of(SystemTools.find("go"), "build", "-o", buildDir.resolve("program").toString()));
        sources.forEach(s -> cmd.add(s.toString()));
        return cmd;
    }

    private static final java.util.regex.Pattern PACKAGE = java.util.regex.Pattern.compile(
            "\\A(?:\\s|//[^\\n]*\\n|/\\*(?s:.*?)\\*/)*package\\s+(\\w+)");

    /** go build accepts any package, but only package main is a program. */
    @Override
    public java.util.Optional<String> sourceProblem(String source) {
        java.util.regex.Matcher m = PACKAGE.matcher(source);
        if (m.find() && !m.group(1).equals("main")) {
            return java.util.Optional.of("the source is package " + m.group(1)
                    + ": a Go program must be package main, with func main()");
        }
        return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<String> missingProgram(Path buildDir, String entryPoint) {
        return java.nio.file.Files.isRegularFile(buildDir.resolve("program")) ? java.util.Optional.empty()
                : java.util.Optional.of("go build made no program: a Go program must be package main, with func main()");
    }

    @Override
    public Map<String, String> compileEnvironment(Path buildDir) {
        Map<String, String> env = baseEnvironment(buildDir, buildDir.resolve(".tmp"));
        env.put("GOCACHE", buildDir.resolve(".gocache").toString());
        env.put("GOPATH", buildDir.resolve(".gopath").toString());
        env.put("GOTMPDIR", buildDir.resolve(".tmp").toString());
        env.put("GO111MODULE", "off");
        env.put("GOPROXY", "off");
        env.put("GOFLAGS", "");
        env.put("GOTOOLCHAIN", "local");
        env.put("GOTELEMETRY", "off");
        env.put("CGO_ENABLED", "0");
        return env;
    }

    @Override
    public List<String> runCommand(Path buildDir, String entryPoint, RuntimeSize size) {
        return List.of(buildDir.resolve("program").toString());
    }

    @Override
    public Map<String, String> runEnvironment(Path scratchDir, RuntimeSize size) {
        Map<String, String> env = super.runEnvironment(scratchDir, size);
        env.put("GOMAXPROCS", "1");
        env.put("GOMEMLIMIT", size.memoryKiB() + "KiB");
        return env;
    }

    @Override
    public List<String> versionCommand() {
        return List.of(SystemTools.find("go"), "version");
    }

    @Override
    public boolean addressSpaceLimited() {
        return false;
    }

    @Override
    public int runTasks() {
        return 32;
    }

    @Override
    public List<String> outOfMemoryMarkers() {
        return List.of("runtime: out of memory");
    }
}
