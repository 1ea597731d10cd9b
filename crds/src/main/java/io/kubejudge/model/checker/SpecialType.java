package io.kubejudge.model.checker;

import io.kubejudge.model.v1alpha1.Checker;
import java.util.List;
import java.util.Set;

/** A testlib-style program of the problem's, run as {@code checker input output answer}. */
public final class SpecialType implements CheckerType {
    @Override
    public Checker.Type type() {
        return Checker.Type.SPECIAL;
    }

    @Override
    public List<String> parameters() {
        return List.of("program");
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.PROGRAM);
    }
}
