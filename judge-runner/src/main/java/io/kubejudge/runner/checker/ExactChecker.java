package io.kubejudge.runner.checker;

import io.kubejudge.model.result.Verdict;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Byte for byte, except whitespace at the end of a line and blank lines at the end of the file
 * (what editors and {@code println} leave behind; DMOJ's "identical" checker is stricter, its
 * "standard" looser). When the outputs differ only in whitespace the verdict is
 * {@code PresentationError}, otherwise {@code WrongAnswer} with the first differing token.
 */
public final class ExactChecker implements OutputChecker {

    /** Takes no parameter ({@link io.kubejudge.model.checker.ExactType}). */
    static OutputChecker from(CheckerSetup setup) {
        return new ExactChecker();
    }

    @Override
    public CheckOutcome check(Path input, Path output, Path answer) throws IOException {
        long mismatchLine;
        try (TrimmedStream out = new TrimmedStream(new FileInputStream(output.toFile()));
             TrimmedStream ans = new TrimmedStream(new FileInputStream(answer.toFile()))) {
            mismatchLine = firstMismatchLine(out, ans);
        }
        if (mismatchLine == 0) {
            return CheckOutcome.accepted();
        }
        CheckOutcome tokens = new TokensChecker(true).check(input, output, answer);
        if (tokens.verdict().isAccepted()) {
            return new CheckOutcome(Verdict.PRESENTATION_ERROR, 0.0, "whitespace differs from the expected output on line " + mismatchLine);
        }
        return tokens;
    }

    /** 0 when equal, else the 1-based line (of the output) where they first differ. */
    private static long firstMismatchLine(TrimmedStream out, TrimmedStream ans) throws IOException {
        long line = 1;
        while (true) {
            int a = ans.read();
            int b = out.read();
            if (a != b) {
                return line;
            }
            if (a < 0) {
                return 0;
            }
            if (a == '\n') {
                line++;
            }
        }
    }

    /**
     * A byte stream with trailing whitespace of every line and trailing blank lines removed, done
     * on the fly: whitespace and line feeds are held back until something visible follows them.
     */
    private static final class TrimmedStream implements AutoCloseable {
        private final InputStream in;
        private byte[] held = new byte[64];
        private int heldLength;
        private int heldPos;
        private boolean replaying;
        private int lookahead = -2;

        TrimmedStream(InputStream in) {
            this.in = new BufferedInputStream(in, 1 << 16);
        }

        int read() throws IOException {
            if (replaying) {
                if (heldPos < heldLength) {
                    return held[heldPos++] & 0xff;
                }
                replaying = false;
                heldLength = 0;
                heldPos = 0;
                int next = lookahead;
                lookahead = -2;
                return next;
            }
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return -1; // whatever is held is trailing whitespace: dropped
                }
                if (b == '\n') {
                    dropTrailingSpaceOfLine();
                    hold(b);
                } else if (TokenReader.isSpace(b)) {
                    hold(b);
                } else if (heldLength == 0) {
                    return b;
                } else {
                    lookahead = b;
                    replaying = true;
                    return read();
                }
            }
        }

        /** Spaces held since the last line feed end a line: they never show. */
        private void dropTrailingSpaceOfLine() {
            int keep = heldLength;
            while (keep > 0 && held[keep - 1] != '\n') {
                keep--;
            }
            heldLength = keep;
        }

        private void hold(int b) {
            if (heldLength == held.length) {
                held = Arrays.copyOf(held, held.length * 2);
            }
            held[heldLength++] = (byte) b;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
