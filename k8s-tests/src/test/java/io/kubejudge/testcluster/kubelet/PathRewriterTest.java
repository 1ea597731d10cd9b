package io.kubejudge.testcluster.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathRewriterTest {

    private final PathRewriter paths = new PathRewriter()
            .mount("/data", Path.of("/host/vol-data"))
            .mount("/data/inputs", Path.of("/host/vol-inputs"))
            .mount("/dev/termination-log", Path.of("/host/c1/termination-log"));

    @Test
    void theLongestMountPathWins() {
        assertThat(paths.rewrite("/data/inputs/1.in")).isEqualTo("/host/vol-inputs/1.in");
        assertThat(paths.rewrite("/data/tests/1.ans")).isEqualTo("/host/vol-data/tests/1.ans");
        assertThat(paths.rewrite("/data")).isEqualTo("/host/vol-data");
    }

    @Test
    void pathsAreRecognisedAtTheStartOrAfterAnEqualsSign() {
        assertThat(paths.rewriteAll(List.of("--result", "/dev/termination-log", "--work=/data/w", "x/data", "plain")))
                .containsExactly("--result", "/host/c1/termination-log", "--work=/host/vol-data/w", "x/data", "plain");
    }

    @Test
    void pathsInsideAShellScriptAreRewrittenOnce() {
        assertThat(paths.rewrite("cat /data/inputs/1.in > /dev/termination-log; ls '/data'"))
                .isEqualTo("cat /host/vol-inputs/1.in > /host/c1/termination-log; ls '/host/vol-data'");
        PathRewriter nested = new PathRewriter().mount("/tmp", Path.of("/tmp/pod/tmp"));
        assertThat(nested.rewrite("/tmp/x")).isEqualTo("/tmp/pod/tmp/x");
    }

    @Test
    void aPrefixThatIsNotAPathComponentIsLeftAlone() {
        assertThat(paths.rewrite("/database/x")).isEqualTo("/database/x");
        assertThat(paths.rewrite("x/data/y")).isEqualTo("x/data/y");
    }
}
