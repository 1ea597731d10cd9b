package io.kubejudge.runner.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The runner's command line: the pod steps, the local judge, and the problem tool. */
public final class Main {

    static final String HELP = String.join("\n",
            "kubejudge " + "<command> [options]",
            "",
            "Commands:",
            "  " + JudgeCommand.USAGE,
            "      judge a source locally: a table of tests (or one JSON object with --json);",
            "      exit code 0 whenever a verdict was reached",
            "  problem <problem-dir>",
            "      validate a problem directory and print the JudgeProblem and ConfigMap YAML",
            "  " + VerifyCommand.USAGE,
            "      judge every submission under submissions/<expected verdict>/ of a package, print expected vs got;",
            "      exit code 1 on a mismatch; derives a missing time limit into the package's .timelimit",
            "  " + CompileCommand.USAGE,
            "  " + RunCommand.USAGE,
            "  " + CheckCommand.USAGE,
            "      the three steps of a judge pod (each writes its JSON result to --result)",
            "  --version, help");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(HELP);
            return CliException.USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "judge" -> JudgeCommand.run(rest, out, err);
                case "compile" -> new CompileCommand().run(rest, out, err);
                case "run" -> new RunCommand().run(rest, out, err);
                case "check" -> new CheckCommand().run(rest, out, err);
                case "problem" -> ProblemCommand.run(rest, out, err);
                case "verify" -> VerifyCommand.run(rest, out, err);
                case "--version", "version" -> {
                    out.println("kubejudge judge-runner " + RunnerVersion.get());
                    yield 0;
                }
                case "help", "--help", "-h" -> {
                    out.println(HELP);
                    yield 0;
                }
                default -> throw CliException.usage("unknown command '" + args.get(0) + "'\n\n" + HELP);
            };
        } catch (CliException e) {
            err.println("kubejudge: " + e.getMessage());
            return e.exitCode();
        }
    }
}
