package io.kubejudge.runner.language;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds compilers and interpreters in the system directories (never in a user's own PATH entries). */
public final class SystemTools {

    public static final List<String> SEARCH_PATH = List.of("/usr/local/bin", "/usr/bin", "/bin");

    private SystemTools() {
    }

    /** The absolute path of {@code name}, or the bare name when it is not installed (the launcher then reports it). */
    public static String find(String name) {
        for (String dir : SEARCH_PATH) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return name;
    }

    public static boolean installed(String name) {
        return !find(name).equals(name);
    }
}
