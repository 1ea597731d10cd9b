package io.kubejudge.runner.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactCheckerTest {

    @TempDir
    Path dir;

    private CheckOutcome check(String output, String answer) throws IOException {
        return new Files3(dir, "", output, answer).checkWith(new ExactChecker());
    }

    @Test
    void identicalOutputIsAccepted() throws IOException {
        assertThat(check("hello world\n42\n", "hello world\n42\n").verdict()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void trailingWhitespaceOfLinesAndTrailingBlankLinesAreIgnored() throws IOException {
        assertThat(check("hello world  \t\n42\r\n\n\n  \n", "hello world\n42").verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(check("a\n\nb\n", "a \n \nb").verdict()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void whitespaceInsideALineIsAPresentationError() throws IOException {
        CheckOutcome o = check("hello  world\n", "hello world\n");
        assertThat(o.verdict()).isEqualTo(Verdict.PRESENTATION_ERROR);
        assertThat(o.message()).contains("line 1");
        assertThat(check("1\n2\n", "1 2\n").verdict()).isEqualTo(Verdict.PRESENTATION_ERROR);
        assertThat(check("\n1\n", "1\n").verdict()).isEqualTo(Verdict.PRESENTATION_ERROR);
        assertThat(check(" 1\n", "1\n").verdict()).isEqualTo(Verdict.PRESENTATION_ERROR);
    }

    @Test
    void differentContentIsAWrongAnswerNamingTheToken() throws IOException {
        CheckOutcome o = check("hello World\n", "hello world\n");
        assertThat(o.verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(o.message()).contains("token #2").contains("'world'").contains("'World'");
        assertThat(check("1 2", "1 2 3").verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(check("", "1").verdict()).isEqualTo(Verdict.WRONG_ANSWER);
    }
}
