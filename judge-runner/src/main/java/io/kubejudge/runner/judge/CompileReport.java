package io.kubejudge.runner.judge;

import io.kubejudge.model.result.CompileResult;
import io.kubejudge.model.result.Language;

/**
 * What the compile step leaves in the work directory for the later steps.
 *
 * @param sourceFileName the name the source was compiled as (Java: after its public class)
 * @param entryPoint     what the run command starts (see LanguageDefinition#entryPoint)
 */
public record CompileReport(
        Language language,
        String sourceFileName,
        String entryPoint,
        CompileResult compile,
        String compilerVersion,
        Long memoryKiB) {

    public boolean succeeded() {
        return compile != null && Boolean.TRUE.equals(compile.success());
    }
}
