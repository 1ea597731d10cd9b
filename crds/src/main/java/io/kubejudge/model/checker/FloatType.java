package io.kubejudge.model.checker;

import io.kubejudge.model.v1alpha1.Checker;
import java.util.List;
import java.util.Set;

/** Tokens, numbers within an absolute or relative epsilon: without one it would be the tokens checker. */
public final class FloatType implements CheckerType {
    @Override
    public Checker.Type type() {
        return Checker.Type.FLOAT;
    }

    @Override
    public List<String> parameters() {
        return List.of("absoluteEpsilon", "relativeEpsilon", "caseSensitive", "validatorFlags");
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.EPSILON);
    }
}
