package io.kubejudge.model.checker;

import io.kubejudge.model.v1alpha1.Checker;
import java.util.List;
import java.util.Set;

/**
 * What one checker type is, for everyone who reads a problem: the fields of {@code checker} it
 * reads and what it cannot do without. The operator's and the runner's problem validation
 * ({@link io.kubejudge.model.problem.ProblemSpecRules}) and the problem formats ask the type; the
 * runner's {@code io.kubejudge.runner.checker} has the one class that checks outputs for it.
 * A new type is an enum constant of {@link Checker.Type}, a class here, a line in
 * {@link CheckerTypes} and its checker in the runner.
 */
public interface CheckerType {

    /** Something a checker of a type must be given. */
    enum Need {
        /** {@code checker.program}: its source and language. */
        PROGRAM,
        /** {@code checker.absoluteEpsilon} or {@code checker.relativeEpsilon}. */
        EPSILON
    }

    Checker.Type type();

    /** The name in problem specs ({@code checker.type}). */
    default String id() {
        return type().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The fields of {@code checker} besides {@code type} that it reads; the others are ignored for it. */
    List<String> parameters();

    Set<Need> needs();

    default boolean needs(Need need) {
        return needs().contains(need);
    }
}
