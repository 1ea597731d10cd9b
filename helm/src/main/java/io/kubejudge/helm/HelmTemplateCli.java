package io.kubejudge.helm;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code helm template} for people without helm (scripts/helm-template.sh). The subset:
 * <pre>
 *   [NAME] [CHART]                  release name (default kubejudge), chart dir (default helm/kubejudge)
 *   -n, --namespace NS              release namespace (default kubejudge)
 *   -f, --values FILE[,FILE]        values files, in order
 *   --set k=v[,k=v]                 values (types inferred as helm does)
 *   --set-string k=v[,k=v]          values kept as strings (dotted keys only)
 *   --include-crds                  print the chart's CRDs first
 *   --no-hooks                      leave the hooks out (for kubectl apply, which would run them)
 *   --kube-version V                Kubernetes version the templates see (default v1.32.0)
 *   --validate-objects              also parse every object strictly (unknown fields fail)
 * </pre>
 * Flags take their value as the next argument or after '='. Exit code 1 and a message on stderr
 * when the chart, a value or an argument is wrong.
 */
public final class HelmTemplateCli {

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try {
            run(args, out);
            out.flush();
        } catch (ChartException | IllegalArgumentException e) {
            out.flush();
            System.err.println("helm-template: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(String[] args, PrintStream out) {
        RenderRequest request = new RenderRequest();
        List<String> positional = new ArrayList<>();
        boolean validate = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String value = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                flag = arg.substring(0, arg.indexOf('='));
                value = arg.substring(arg.indexOf('=') + 1);
            }
            switch (flag) {
                case "-h", "--help" -> {
                    out.println(usage());
                    return;
                }
                case "--include-crds" -> request.includeCrds(true);
                case "--no-hooks" -> request.noHooks(true);
                case "--validate-objects" -> validate = true;
                case "-n", "--namespace", "-f", "--values", "--set", "--set-string", "--kube-version" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(flag + " needs a value\n" + usage());
                        }
                        value = args[++i];
                    }
                    apply(request, flag, value);
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unsupported flag " + arg + "\n" + usage());
                    }
                    positional.add(arg);
                }
            }
        }
        if (positional.size() > 2) {
            throw new IllegalArgumentException("too many arguments " + positional + "\n" + usage());
        }
        if (!positional.isEmpty()) {
            request.releaseName(positional.get(0));
        }
        HelmChart chart = positional.size() == 2 ? HelmChart.at(Path.of(positional.get(1))) : HelmChart.kubejudge();
        String manifests = validate ? chart.render(request).manifests() : chart.template(request);
        out.print(manifests);
    }

    private static void apply(RenderRequest request, String flag, String value) {
        switch (flag) {
            case "-n", "--namespace" -> request.namespace(value);
            case "--kube-version" -> request.kubeVersion(value);
            case "-f", "--values" -> {
                for (String file : value.split(",")) {
                    request.values(Path.of(file));
                }
            }
            case "--set" -> pairs(flag, value).forEach(p -> request.set(p[0], p[1]));
            case "--set-string" -> pairs(flag, value).forEach(p -> request.setString(p[0], p[1]));
            default -> throw new IllegalStateException(flag);
        }
    }

    private static List<String[]> pairs(String flag, String value) {
        List<String[]> pairs = new ArrayList<>();
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(flag + " " + pair + ": expected key=value");
            }
            pairs.add(new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
        }
        return pairs;
    }

    static String usage() {
        return """
                usage: scripts/helm-template.sh [NAME] [CHART] [flags]   (a subset of helm template)
                  NAME                       release name (default kubejudge)
                  CHART                      chart directory (default helm/kubejudge)
                  -n, --namespace NS         release namespace (default kubejudge)
                  -f, --values FILE[,FILE]   values files, applied in order
                  --set k=v[,k=v]            values, types inferred as by helm
                  --set-string k=v[,k=v]     values kept as strings (dotted keys only, applied before --set)
                  --include-crds             print the chart's CRDs first
                  --no-hooks                 leave the hooks out: use it when piping to kubectl apply,
                                             which would run the pre-delete hook (delete all submissions)
                  --kube-version V           Kubernetes version the templates see (default v1.32.0)
                  --validate-objects         also parse every object strictly into its fabric8 model""";
    }
}
