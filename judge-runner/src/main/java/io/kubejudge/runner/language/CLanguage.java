package io.kubejudge.runner.language;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * C17 with the GNU extensions (POSIX functions such as {@code clock_gettime} declared, as on
 * Codeforces, DMOJ and Kattis), gcc -O2, linked with the math library.
 */
public class CLanguage extends LanguageDefinition {

    /** Linked into every C and C++ program: see {@link NativeSupport}. */
    static final String SUPPORT_FILE = ".kj-support.c";

    @Override
    public String id() {
        return "c";
    }

    @Override
    public String displayName() {
        return "C17 (GNU)";
    }

    @Override
    public List<String> imagePackages() {
        return List.of("gcc", "libc6-dev");
    }

    @Override
    public List<String> extensions() {
        return List.of(".c");
    }

    protected String compiler() {
        return "gcc";
    }

    protected List<String> standardFlags() {
        return List.of("-std=gnu17", "-O2", "-pipe");
    }

    @Override
    public Map<String, String> supportFiles() {
        return Map.of(SUPPORT_FILE, NativeSupport.SOURCE);
    }

    @Override
    public List<String> compileCommand(List<Path> sources, Path buildDir, String mainFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(SystemTools.find(compiler()));
        cmd.addAll(standardFlags());
        cmd.add("-o");
        cmd.add(buildDir.resolve("program").toString());
        sources.forEach(s -> cmd.add(s.toString()));
        cmd.add(buildDir.resolve(SUPPORT_FILE).toString());
        cmd.add(NativeSupport.WRAP_FLAGS);
        cmd.add("-lm");
        return cmd;
    }

    @Override
    public List<String> runCommand(Path buildDir, String entryPoint, RuntimeSize size) {
        return List.of(buildDir.resolve("program").toString());
    }

    /** One malloc arena: each further one reserves 64 MiB of the address space (see NativeSupport). */
    @Override
    public Map<String, String> runEnvironment(Path scratchDir, RuntimeSize size) {
        Map<String, String> env = super.runEnvironment(scratchDir, size);
        env.put("MALLOC_ARENA_MAX", "1");
        return env;
    }

    @Override
    public List<String> versionCommand() {
        return List.of(SystemTools.find(compiler()), "--version");
    }

    @Override
    public List<String> outOfMemoryMarkers() {
        return List.of(NativeSupport.ALLOCATION_REFUSED);
    }
}
