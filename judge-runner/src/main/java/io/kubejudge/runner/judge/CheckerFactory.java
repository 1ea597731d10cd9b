package io.kubejudge.runner.judge;

import io.kubejudge.runner.checker.OutputChecker;
import io.kubejudge.runner.problem.Problem;
import java.nio.file.Path;

/** Makes the problem's checker (building a special checker or validator in {@code workDir} when it has one). */
@FunctionalInterface
public interface CheckerFactory {

    OutputChecker create(Problem problem, Path workDir) throws Exception;
}
