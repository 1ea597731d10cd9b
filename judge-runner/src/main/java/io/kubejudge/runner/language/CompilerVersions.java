package io.kubejudge.runner.language;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The first line of each toolchain's version output, asked once per process (javac alone takes a
 * third of a second to say it).
 */
public final class CompilerVersions {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private CompilerVersions() {
    }

    public static String of(LanguageDefinition language) {
        return CACHE.computeIfAbsent(language.id(), l -> ask(language));
    }

    private static String ask(LanguageDefinition language) {
        ProcessBuilder pb = new ProcessBuilder(language.versionCommand()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", String.join(":", SystemTools.SEARCH_PATH));
        pb.environment().put("LANG", "C.UTF-8");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown (version command timed out)";
            }
            return out.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }
}
