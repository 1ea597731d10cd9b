package io.kubejudge.model.checker;

import io.kubejudge.model.v1alpha1.Checker;
import java.util.List;
import java.util.Set;

/**
 * An ICPC/Kattis output validator of the problem's, run as
 * {@code validator input answer feedback_dir [validatorFlags] < output}.
 */
public final class KattisType implements CheckerType {
    @Override
    public Checker.Type type() {
        return Checker.Type.KATTIS;
    }

    @Override
    public List<String> parameters() {
        return List.of("program", "validatorFlags");
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.PROGRAM);
    }
}
