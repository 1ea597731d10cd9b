package io.kubejudge.testcluster.kubelet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the judge-runner image ({@code judge-runner/Dockerfile}) holds, prepared on this host once
 * per runner jar: the native launcher compiled as the image compiles it (announced to the runner by
 * {@code KUBEJUDGE_LAUNCHER}, as the image's {@code /usr/lib/kubejudge/kj-launcher} is found), and
 * the class-data-sharing archive of the pod steps that the image's {@code kubejudge-runner} entry
 * point uses ({@code judge-runner/docker/make-cds-archive.sh}). The entry point's JVM flags are the
 * image's too.
 */
public final class JudgeRunnerImage {

    private static final Logger LOG = LoggerFactory.getLogger(JudgeRunnerImage.class);
    /** The flags of judge-runner/docker/kubejudge-runner: a CDS archive only serves a JVM started alike. */
    private static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData");

    private final JudgeRunnerJar jar;
    private final Path repositoryRoot;
    private Prepared prepared;

    private record Prepared(Path jar, Path launcher, Path archive) {
    }

    public JudgeRunnerImage(JudgeRunnerJar jar, Path repositoryRoot) {
        this.jar = jar;
        this.repositoryRoot = repositoryRoot;
    }

    /** {@code kubejudge-runner}: {@code java <image flags> [-XX:SharedArchiveFile=...] -jar judge-runner.jar}. */
    public List<String> entrypoint() {
        Prepared p = prepare();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        if (p.archive() != null) {
            command.add("-XX:SharedArchiveFile=" + p.archive());
            command.add("-Xshare:auto");
        }
        command.add("-jar");
        command.add(p.jar().toString());
        return command;
    }

    /** The image's environment (before the container's own). */
    public Map<String, String> environment() {
        return Map.of("KUBEJUDGE_LAUNCHER", prepare().launcher().toString(), "LANG", "C.UTF-8");
    }

    public synchronized Path launcher() {
        return prepare().launcher();
    }

    private synchronized Prepared prepare() {
        if (prepared != null) {
            return prepared;
        }
        Path jarFile = jar.jar();
        Path launcherSource = repositoryRoot.resolve("judge-runner/src/main/c/kj-launcher.c");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "kubejudge-test-cluster",
                "image-" + digest(jarFile, launcherSource));
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                Path launcher = dir.resolve("kj-launcher");
                if (!Files.isExecutable(launcher)) {
                    run(List.of("gcc", "-std=gnu17", "-O2", "-Wall", "-o", launcher.toString(), launcherSource.toString()),
                            dir, "compiling the launcher");
                }
                Path archive = dir.resolve("judge-runner.jsa");
                if (!Files.exists(archive) && !Files.exists(dir.resolve("no-archive"))) {
                    makeArchive(jarFile, launcher, dir, archive);
                }
                prepared = new Prepared(jarFile, launcher, Files.exists(archive) ? archive : null);
                return prepared;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("preparing the judge-runner image in " + dir, e);
        }
    }

    /** As make-cds-archive.sh: the three steps on the image's sample, their classes dumped into an archive. */
    private void makeArchive(Path jarFile, Path launcher, Path dir, Path archive) throws IOException {
        Path sample = repositoryRoot.resolve("judge-runner/docker/cds-sample");
        Path lists = Files.createTempDirectory(dir, "lists");
        Path work = Files.createTempDirectory(dir, "work");
        try {
            if (!Files.isDirectory(sample)) {
                throw new IOException("no sample at " + sample);
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            for (String step : List.of("compile", "run", "check")) {
                List<String> cmd = new ArrayList<>(List.of(java));
                cmd.addAll(FLAGS);
                cmd.addAll(List.of("-XX:DumpLoadedClassList=" + lists.resolve(step + ".lst"), "-jar", jarFile.toString(), step,
                        "--submission", sample.resolve("submission").toString(), "--work", work.toString(),
                        "--result", lists.resolve(step + ".json").toString()));
                if (step.equals("run")) {
                    cmd.addAll(List.of("--inputs", sample.resolve("inputs").toString()));
                } else if (step.equals("check")) {
                    cmd.addAll(List.of("--data", sample.resolve("data").toString()));
                }
                run(cmd, lists, "the CDS sample's " + step + " step", Map.of("KUBEJUDGE_LAUNCHER", launcher.toString()));
            }
            List<String> classes = new ArrayList<>();
            for (String step : List.of("compile", "run", "check")) {
                Files.readAllLines(lists.resolve(step + ".lst")).forEach(line -> {
                    if (!classes.contains(line)) {
                        classes.add(line);
                    }
                });
            }
            Path classList = lists.resolve("classes.lst");
            Files.write(classList, classes);
            List<String> dump = new ArrayList<>(List.of(java));
            dump.addAll(FLAGS);
            dump.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                    "-XX:SharedArchiveFile=" + archive, "-cp", jarFile.toString()));
            run(dump, lists, "dumping the CDS archive");
        } catch (IOException e) {
            // Only start-up speed is lost: record it so that every pod does not try again.
            LOG.warn("judge-runner image: no class-data-sharing archive ({}); the steps start slower", e.getMessage());
            Files.deleteIfExists(archive);
            Files.writeString(dir.resolve("no-archive"), e.getMessage());
        } finally {
            Kubelet.deleteRecursively(lists);
            Kubelet.deleteRecursively(work);
        }
    }

    private static void run(List<String> command, Path dir, String what) throws IOException {
        run(command, dir, what, Map.of());
    }

    private static void run(List<String> command, Path dir, String what, Map<String, String> env) throws IOException {
        Path log = dir.resolve("output.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " took over 120 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed (exit " + p.exitValue() + "): " + Files.readString(log));
        }
    }

    private static String digest(Path... files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
