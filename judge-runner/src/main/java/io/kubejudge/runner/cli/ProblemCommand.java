package io.kubejudge.runner.cli;

import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.problem.ProblemException;
import io.kubejudge.runner.problem.ProblemLoader;
import io.kubejudge.runner.problem.ProblemManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kubejudge problem <problem-dir> [--output <file>]}: validates a problem directory (either
 * format) and prints the JudgeProblem and ConfigMap YAML that {@code kubectl apply} takes.
 * Exit 0 on success, 2 for bad usage or a problem directory that cannot be used (the message
 * names the file and field), 1 when the output cannot be written.
 */
public final class ProblemCommand {

    static final String USAGE = "usage: kubejudge problem <problem-dir> [--output <file>]";

    private ProblemCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path dir = null;
        Path output = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--output") || a.equals("-o")) {
                if (i + 1 >= args.size()) {
                    err.println("kubejudge problem: " + a + " needs a file name\n" + USAGE);
                    return CliException.USAGE;
                }
                output = Path.of(args.get(++i));
            } else if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (a.startsWith("-") || dir != null) {
                err.println("kubejudge problem: unexpected argument '" + a + "'\n" + USAGE);
                return CliException.USAGE;
            } else {
                dir = Path.of(a);
            }
        }
        if (dir == null) {
            err.println("kubejudge problem: missing the problem directory\n" + USAGE);
            return CliException.USAGE;
        }
        String yaml;
        try {
            Problem problem = ProblemLoader.load(dir);
            yaml = ProblemManifest.render(problem);
        } catch (ProblemException e) {
            err.println("kubejudge problem: " + dir + ": " + e.getMessage());
            return CliException.USAGE;
        }
        if (output == null) {
            out.print(yaml);
            out.flush();
            return 0;
        }
        try {
            Files.writeString(output, yaml, StandardCharsets.UTF_8);
            return 0;
        } catch (IOException e) {
            err.println("kubejudge problem: cannot write " + output + ": " + e.getMessage());
            return CliException.FAILURE;
        }
    }
}
