package io.kubejudge.model.checker;

import io.kubejudge.model.v1alpha1.Checker;
import java.util.List;
import java.util.Set;

/**
 * Whitespace-separated tokens, the default. {@code validatorFlags} is read for the Kattis default
 * validator's {@code space_change_sensitive}.
 */
public final class TokensType implements CheckerType {
    @Override
    public Checker.Type type() {
        return Checker.Type.TOKENS;
    }

    @Override
    public List<String> parameters() {
        return List.of("caseSensitive", "validatorFlags");
    }

    @Override
    public Set<Need> needs() {
        return Set.of();
    }
}
