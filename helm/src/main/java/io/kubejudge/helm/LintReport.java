package io.kubejudge.helm;

import java.util.List;

/** {@code helm lint --strict}: its messages, and whether any of them (warnings too) failed it. */
public record LintReport(List<String> messages, boolean failed) {
}
