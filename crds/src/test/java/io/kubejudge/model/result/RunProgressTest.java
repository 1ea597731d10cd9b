package io.kubejudge.model.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunProgressTest {

    @Test
    void theLastLineOfTheLogCounts() {
        String log = new RunProgress(1, 3).line() + "\n" + new RunProgress(2, 3).line() + "\n";
        assertThat(RunProgress.lastIn(log)).contains(new RunProgress(2, 3));
    }

    @Test
    void otherLinesAndGarbledOnesAreSkipped() {
        String log = new RunProgress(1, 3).line() + "\nsomething else\nkubejudge-progress 9/x\nxkubejudge-progress 3/3\n";
        assertThat(RunProgress.lastIn(log)).contains(new RunProgress(1, 3));
        assertThat(RunProgress.lastIn("kubejudge-progress 4/3\n")).isEmpty();
        assertThat(RunProgress.lastIn("")).isEmpty();
        assertThat(RunProgress.lastIn(null)).isEmpty();
    }

    @Test
    void aLineCutByTheTailStillReadsWhenWhole() {
        assertThat(RunProgress.lastIn("ress 1/2\nkubejudge-progress 2/2")).contains(new RunProgress(2, 2));
    }

    @Test
    void impossibleCountsAreRefused() {
        assertThatThrownBy(() -> new RunProgress(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunProgress(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
