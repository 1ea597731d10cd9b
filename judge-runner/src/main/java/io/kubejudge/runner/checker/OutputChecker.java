package io.kubejudge.runner.checker;

import java.io.IOException;
import java.nio.file.Path;

/** Compares a program's output for one test with the expected answer. */
public interface OutputChecker {

    CheckOutcome check(Path input, Path output, Path answer) throws IOException;
}
