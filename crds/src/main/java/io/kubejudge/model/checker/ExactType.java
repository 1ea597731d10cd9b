package io.kubejudge.model.checker;

import io.kubejudge.model.v1alpha1.Checker;
import java.util.List;
import java.util.Set;

/** Byte for byte, trailing whitespace of lines and of the file ignored; takes no parameter. */
public final class ExactType implements CheckerType {
    @Override
    public Checker.Type type() {
        return Checker.Type.EXACT;
    }

    @Override
    public List<String> parameters() {
        return List.of();
    }

    @Override
    public Set<Need> needs() {
        return Set.of();
    }
}
