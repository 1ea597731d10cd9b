package io.kubejudge.runner.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ends a stop-on-first-failure batch at an interactor exit outside
 * {@link InteractorVerdicts.Kind#passingExits()}, without reading the verdict: so no other exit
 * code may ever be accepted by {@link InteractorVerdicts#of}, and every passing one can be.
 */
class InteractorVerdictsTest {

    @TempDir
    Path dir;

    @Test
    void onlyThePassingExitCodesCanBeAccepted() throws Exception {
        Path feedback = Files.createDirectories(dir.resolve("feedback"));
        Path answer = Files.writeString(dir.resolve("t.ans"), "1\n");
        // The most accepting stderr there is: testlib's exit 7 then gives half the points.
        Path stderr = Files.writeString(dir.resolve("t.err"), "points 0.5 close enough\n");
        for (InteractorVerdicts.Kind kind : InteractorVerdicts.Kind.values()) {
            Set<Integer> accepted = new TreeSet<>();
            for (int code = 0; code < 256; code++) {
                if (InteractorVerdicts.of(kind, code, null, feedback, answer, 1.0, stderr).verdict() == Verdict.ACCEPTED) {
                    accepted.add(code);
                }
            }
            assertThat(accepted).as(kind.name()).isEqualTo(new TreeSet<>(kind.passingExits()));
            assertThat(kind.passingExits()).contains(kind.acceptedExit());
            assertThat(InteractorVerdicts.of(kind, null, 9, feedback, answer, 1.0, stderr).verdict()).isEqualTo(Verdict.SYSTEM_ERROR);
        }
    }
}
