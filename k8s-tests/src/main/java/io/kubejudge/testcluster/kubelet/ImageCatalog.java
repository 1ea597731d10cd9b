package io.kubejudge.testcluster.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What an image's executables are on this host. There are no images here, so a container's
 * command is run as a host command, except for the executables of known images:
 * <ul>
 *   <li>an image whose repository ends in {@code judge-runner} (e.g. {@code kubejudge/judge-runner:0.1.0}):
 *       the command {@code kubejudge-runner} (also the entrypoint when the container gives no command)
 *       runs the runner jar as the image's entry point does, with the image's environment — see
 *       {@link JudgeRunnerImage};</li>
 *   <li>any other image: {@code command + args} run as given (e.g. {@code [sh, -c, ...]}); a container
 *       without a command fails, since the image's entrypoint is unknown.</li>
 * </ul>
 */
public final class ImageCatalog {

    /**
     * An image family: its repository suffix, its executable's name, what runs it here, its environment,
     * and its {@code USER} as {@code {uid, gid}} (null: root).
     */
    public record KnownImage(String repositorySuffix, String executable, Supplier<List<String>> hostCommand,
                             Supplier<Map<String, String>> environment, long[] user) {

        public KnownImage(String repositorySuffix, String executable, Supplier<List<String>> hostCommand,
                          Supplier<Map<String, String>> environment) {
            this(repositorySuffix, executable, hostCommand, environment, null);
        }

        boolean matches(String image) {
            return repository(image).endsWith(repositorySuffix);
        }
    }

    private record InProcessRule(String repositorySuffix, Predicate<Pod> pods, InProcessProgram program) {
    }

    private final List<KnownImage> known = new ArrayList<>();
    private final List<InProcessRule> inProcess = new CopyOnWriteArrayList<>();

    public ImageCatalog register(KnownImage image) {
        known.add(image);
        return this;
    }

    public static ImageCatalog withJudgeRunner(JudgeRunnerImage image) {
        // The Dockerfile's USER 65534:65534.
        return new ImageCatalog().register(new KnownImage("judge-runner", "kubejudge-runner", image::entrypoint,
                image::environment, new long[] {65534, 65534}));
    }


    /** Whether this image is one of the known families, run here as host commands. */
    public boolean knows(Container container) {
        return known.stream().anyMatch(k -> k.matches(container.getImage()));
    }

    /** The image's {@code USER} as {@code {uid, gid}}; empty: root (unknown images too). */
    public java.util.Optional<long[]> user(Container container) {
        return known.stream().filter(k -> k.matches(container.getImage())).findFirst().map(KnownImage::user);
    }

    /** The environment the container's image sets (empty for unknown images: the host's tools need none). */
    public Map<String, String> environment(Container container) {
        return known.stream().filter(k -> k.matches(container.getImage())).findFirst()
                .map(k -> k.environment().get()).orElse(Map.of());
    }

    /**
     * How a container runs here: {@code program}, a host command standing for an image's executable
     * (used as is), followed by {@code arguments}, the container's own words (which the kubelet
     * expands and maps to host paths).
     */
    public record HostCommand(List<String> program, List<String> arguments, InProcessProgram inProcess) {
        public List<String> argv(java.util.function.UnaryOperator<List<String>> mapArguments) {
            List<String> argv = new ArrayList<>(program);
            argv.addAll(mapArguments.apply(arguments));
            return argv;
        }
    }

    /**
     * From now on, the executable of the image family {@code repositorySuffix} runs in-process in the
     * selected pods (see {@link InProcessProgram}), until the returned handle is closed.
     */
    public AutoCloseable runInProcess(String repositorySuffix, Predicate<Pod> pods, InProcessProgram program) {
        InProcessRule rule = new InProcessRule(repositorySuffix, pods, program);
        inProcess.add(rule);
        return () -> inProcess.remove(rule);
    }

    public HostCommand command(Container container) {
        return command(null, container);
    }

    public HostCommand command(Pod pod, Container container) {
        List<String> command = container.getCommand() == null ? List.of() : container.getCommand();
        List<String> args = container.getArgs() == null ? List.of() : container.getArgs();
        KnownImage image = known.stream().filter(k -> k.matches(container.getImage())).findFirst().orElse(null);
        List<String> words = new ArrayList<>();
        if (image != null && (command.isEmpty() || baseName(command.get(0)).equals(image.executable()))) {
            words.addAll(command.isEmpty() ? List.of() : command.subList(1, command.size()));
            words.addAll(args);
            InProcessProgram program = pod == null ? null : inProcess.stream()
                    .filter(r -> r.repositorySuffix().equals(image.repositorySuffix()) && r.pods().test(pod))
                    .map(InProcessRule::program).findFirst().orElse(null);
            return new HostCommand(program != null ? List.of() : image.hostCommand().get(), words, program);
        }
        if (command.isEmpty()) {
            throw new UnsupportedPodException("container " + container.getName() + ": image " + container.getImage()
                    + " has no entrypoint known to the test cluster; give the container a command");
        }
        words.addAll(command);
        words.addAll(args);
        return new HostCommand(List.of(), words, null);
    }

    static String repository(String image) {
        String withoutDigest = image.split("@", 2)[0];
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
