package io.kubejudge.runner.language;

import java.nio.file.Path;
import java.util.List;

/**
 * Python 3, isolated mode ({@code -I}: no user site-packages, no PYTHON* variables, no script
 * directory on the path). The compile step copies the source next to the program and
 * byte-compiles it, so a syntax error is a CompileError rather than a RuntimeError on every test.
 * Not {@code -S}: {@code exit()} and {@code quit()}, common in submissions, come from site.
 */
public class PythonLanguage extends LanguageDefinition {

    /**
     * Runs the program as {@code python3 main.py} would, with 8 MiB thread stacks: CPython's
     * threads otherwise take glibc's default, the stack limit, which is the memory limit, and a
     * second thread exhausts the address-space limit ("can't start new thread").
     */
    private static final String RUN_SCRIPT = "import _thread, runpy, sys; _thread.stack_size(8 << 20); "
            + "del sys.argv[0]; runpy.run_path(sys.argv[0], run_name='__main__')";

    /** One line (the launcher spec is line based); quiet=0 prints just the syntax error. */
    private static final String COMPILE_SCRIPT = "import py_compile, shutil, sys; src, build, name = sys.argv[1:4]; "
            + "py_compile.compile(src, cfile=build + '/' + name + 'c', dfile=name, quiet=0) or sys.exit(1); "
            + "shutil.copyfile(src, build + '/' + name)";

    @Override
    public String id() {
        return "python";
    }

    @Override
    public String displayName() {
        return "Python 3";
    }

    @Override
    public List<String> imagePackages() {
        return List.of("python3");
    }

    @Override
    public List<String> kattisCodes() {
        return List.of("python3", "python", "pypy3");
    }

    @Override
    public List<String> extensions() {
        return List.of(".py");
    }

    @Override
    public List<String> compileCommand(List<Path> sources, Path buildDir, String mainFile) {
        Path main = sources.stream().filter(s -> s.getFileName().toString().equals(mainFile)).findFirst().orElse(sources.get(0));
        return List.of(SystemTools.find("python3"), "-I", "-c", COMPILE_SCRIPT, main.toString(), buildDir.toString(), mainFile);
    }

    @Override
    public List<String> runCommand(Path buildDir, String entryPoint, RuntimeSize size) {
        return List.of(SystemTools.find("python3"), "-I", "-B", "-c", RUN_SCRIPT, buildDir.resolve(entryPoint).toString());
    }

    @Override
    public List<String> versionCommand() {
        return List.of(SystemTools.find("python3"), "--version");
    }

    @Override
    public double timeMultiplier() {
        return 3.0;
    }

    @Override
    public long addressSpaceExtraKiB() {
        return 32 * 1024;
    }

    @Override
    public List<String> outOfMemoryMarkers() {
        return List.of("MemoryError");
    }
}
