package io.kubejudge.runner.judge;

import io.kubejudge.runner.checker.Checkers;
import io.kubejudge.runner.language.CompileLimits;
import io.kubejudge.runner.language.Compiler;
import io.kubejudge.runner.language.SandboxedToolchain;
import io.kubejudge.runner.language.Toolchain;
import io.kubejudge.runner.sandbox.Launcher;
import io.kubejudge.runner.sandbox.ProgramUser;

/** The three steps wired for this machine: one launcher, one program identity, one toolchain for submissions and checkers alike. */
public record Steps(CompileStep compile, RunStep run, CheckStep check, Toolchain toolchain) {

    public static Steps forThisMachine() {
        return with(Launcher.local(), ProgramUser.forThisProcess(), CompileLimits.DEFAULT);
    }

    public static Steps with(Launcher launcher, ProgramUser user, CompileLimits compileLimits) {
        Compiler compiler = new Compiler(launcher, user, compileLimits);
        Toolchain toolchain = new SandboxedToolchain(compiler);
        CheckerFactory checkers = (problem, workDir) -> Checkers.forProblem(problem, toolchain, workDir);
        return new Steps(new CompileStep(compiler), new RunStep(launcher, user, toolchain), new CheckStep(checkers), toolchain);
    }
}
