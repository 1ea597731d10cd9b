package io.kubejudge.runner.language;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Java 17. The file is named after the public top-level class (javac insists), else after the
 * class declaring {@code main}; the program runs with a heap and thread stack as large as the
 * memory limit, the serial collector and the client compiler (fast start, small footprint).
 */
public class JavaLanguage extends LanguageDefinition {

    /** HotSpot's largest thread stack. */
    private static final long MAX_STACK_KIB = 1024 * 1024;

    @Override
    public String id() {
        return "java";
    }

    @Override
    public String displayName() {
        return "Java 17";
    }

    @Override
    public List<String> imagePackages() {
        return List.of("openjdk-17-jdk-headless");
    }

    /** The operator's name for the source; the runner renames it after the public class. */
    @Override
    public String defaultFileName() {
        return "Main.java";
    }

    @Override
    public List<String> extensions() {
        return List.of(".java");
    }

    @Override
    public String sourceFileName(String source) {
        JavaSource scan = JavaSource.scan(source);
        return scan.publicType().or(scan::mainType).orElse("Main") + ".java";
    }

    /** File names hold at most 255 bytes; javac insists on naming the file after the public class. */
    @Override
    public java.util.Optional<String> sourceProblem(String source) {
        String file = sourceFileName(source);
        int bytes = file.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > 255) {
            return java.util.Optional.of("the public class " + file.substring(0, 40) + "... names a file of " + bytes
                    + " bytes, and file names hold at most 255: give the class a shorter name");
        }
        return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<String> missingProgram(Path buildDir, String entryPoint) {
        if (java.nio.file.Files.isRegularFile(buildDir.resolve(entryPoint.replace('.', '/') + ".class"))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the source compiled, but has no class " + entryPoint + " to start: declare"
                + " public static void main(String[] args) in a top-level class");
    }

    @Override
    public String entryPoint(String sourceFileName, String source) {
        JavaSource scan = JavaSource.scan(source);
        String simple = scan.mainType().or(scan::publicType).orElse(sourceFileName.replaceFirst("\\.java$", ""));
        return scan.packageName().map(p -> p + "." + simple).orElse(simple);
    }

    @Override
    public List<String> compileCommand(List<Path> sources, Path buildDir, String mainFile) {
        List<String> cmd = new ArrayList<>(List.of(SystemTools.find("javac"),
                "-J-Xmx768m", "-J-Xss16m", "-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1", "-J-XX:-UsePerfData",
                "-J-Djava.io.tmpdir=" + buildDir.resolve(".tmp"),
                "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "-d", buildDir.toString()));
        sources.forEach(s -> cmd.add(s.toString()));
        return cmd;
    }

    @Override
    public List<String> runCommand(Path buildDir, String entryPoint, RuntimeSize size) {
        return List.of(SystemTools.find("java"),
                "-Xmx" + size.memoryKiB() + "k",
                "-Xss" + Math.min(size.stackKiB(), MAX_STACK_KIB) + "k",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
                "-Djava.io.tmpdir=.", "-cp", buildDir.toString(), entryPoint);
    }

    @Override
    public List<String> versionCommand() {
        return List.of(SystemTools.find("javac"), "-version");
    }

    @Override
    public double timeMultiplier() {
        return 2.0;
    }

    /** The JVM alone takes some 35 MiB resident. */
    @Override
    public double memoryMultiplier() {
        return 2.0;
    }

    @Override
    public boolean addressSpaceLimited() {
        return false;
    }

    @Override
    public int runTasks() {
        return 64;
    }

    @Override
    public List<String> outOfMemoryMarkers() {
        return List.of("java.lang.OutOfMemoryError");
    }
}
