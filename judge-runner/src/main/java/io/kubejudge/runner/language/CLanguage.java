package io.kubejudge.runner.language;

import io.kubejudge.model.result.Language;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** C17 with gcc -O2, linked with the math library. */
public class CLanguage extends LanguageDefinition {

    @Override
    public Language language() {
        return Language.C;
    }

    @Override
    public List<String> extensions() {
        return List.of(".c");
    }

    protected String compiler() {
        return "gcc";
    }

    protected List<String> standardFlags() {
        return List.of("-std=c17", "-O2", "-pipe");
    }

    @Override
    public List<String> compileCommand(List<Path> sources, Path buildDir, String mainFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(SystemTools.find(compiler()));
        cmd.addAll(standardFlags());
        cmd.add("-o");
        cmd.add(buildDir.resolve("program").toString());
        sources.forEach(s -> cmd.add(s.toString()));
        cmd.add("-lm");
        return cmd;
    }

    @Override
    public List<String> runCommand(Path buildDir, String entryPoint, RuntimeSize size) {
        return List.of(buildDir.resolve("program").toString());
    }

    @Override
    public List<String> versionCommand() {
        return List.of(SystemTools.find(compiler()), "--version");
    }
}
