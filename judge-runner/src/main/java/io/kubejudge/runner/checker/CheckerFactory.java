package io.kubejudge.runner.checker;

import java.io.IOException;

/** How one checker type's class is made from a problem's checker (each class has its {@code from}). */
@FunctionalInterface
interface CheckerFactory {
    OutputChecker from(CheckerSetup setup) throws IOException;
}
