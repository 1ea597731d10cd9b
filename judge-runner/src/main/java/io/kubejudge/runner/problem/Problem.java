package io.kubejudge.runner.problem;

import io.kubejudge.model.v1alpha1.JudgeProblemSpec;
import io.kubejudge.model.v1alpha1.TestCase;
import java.nio.file.Path;

/**
 * A problem as the runner judges it: the same spec the {@code JudgeProblem} resource carries
 * (one definition of limits, checker and tests), plus where this machine keeps the test data.
 *
 * <p>Locally {@code dataDir} is built from a problem directory; in the pod it is the mounted
 * ConfigMaps. Test data files are {@code <dataDir>/<test>.in} and {@code <dataDir>/<test>.ans}.
 */
public record Problem(String name, JudgeProblemSpec spec, Path dataDir, Path checkerSource) {

    public Path input(TestCase test) {
        return dataDir.resolve(test.getName() + ".in");
    }

    public Path answer(TestCase test) {
        return dataDir.resolve(test.getName() + ".ans");
    }
}
