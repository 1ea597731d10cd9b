package io.kubejudge.runner.language;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A language is added in one place: no source, document, chart or script of the repository may
 * list three or more language ids in a row by hand ("c, cpp, java", {@code "c", "cpp", "go"},
 * c|cpp|java, [c, cpp, go]). Such lists are what went stale before (ten copies of a message);
 * they are written from {@link Language} instead.
 */
class NoHandWrittenLanguageListsTest {

    static final Path REPOSITORY = Path.of("..");
    /**
     * Generated from the definitions and checked against them by their own tests; this test's
     * examples; and the launcher's seccomp comment, which names tools (gcc, javac, java, go), not ids.
     */
    static final Set<String> EXEMPT = Set.of(
            "crds/src/main/java/io/kubejudge/model/result/Language.java",
            "helm/kubejudge/values.schema.json",
            "judge-runner/src/test/java/io/kubejudge/runner/language/NoHandWrittenLanguageListsTest.java",
            "judge-runner/src/main/c/kj-launcher.c");
    static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", ".mvn");
    static final Set<String> TEXT = Set.of("java", "md", "yaml", "yml", "json", "sh", "properties", "c", "h", "txt", "tpl", "Dockerfile");

    @Test
    void noFileListsLanguagesByHand() throws IOException {
        Pattern list = handWrittenList();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> isText(f) && !inSkippedDirectory(f) && !EXEMPT.contains(relative(f)))
                    .forEach(f -> {
                        String text = read(f);
                        Matcher m = list.matcher(text);
                        while (m.find()) {
                            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                            found.add(relative(f) + ":" + line + ": " + m.group());
                        }
                    });
        }
        assertThat(found).as("language ids listed by hand (derive them from the Language enum)").isEmpty();
    }

    @Test
    void thePatternFindsTheListsItIsMeantToFind() {
        Pattern list = handWrittenList();
        assertThat(list.matcher("(known: c, cpp, java, python, go)").find()).isTrue();
        assertThat(list.matcher("@CsvSource({\"c\", \"cpp\", \"java\"})").find()).isTrue();
        assertThat(list.matcher("[--language c|cpp|java|python|go]").find()).isTrue();
        assertThat(list.matcher("languages: [cpp, python, go]").find()).isTrue();
        assertThat(list.matcher("List.of(\"c\", \"cpp\")").find()).as("two are an example, not a list").isFalse();
        assertThat(list.matcher("go, c, see").find()).isFalse();
    }

    /** Three or more ids in a row, separated by commas, bars or slashes, quoted or not. */
    static Pattern handWrittenList() {
        List<String> ids = Arrays.stream(Language.values()).map(Language::id).toList();
        String id = "[\"']?(?:" + ids.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")(?![\\w+])[\"']?";
        String sep = "\\s*[,|/]\\s*";
        return Pattern.compile("(?<![\\w.-])" + id + sep + id + sep + id);
    }

    private static boolean isText(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return TEXT.contains(dot < 0 ? name : name.substring(dot + 1));
    }

    private static boolean inSkippedDirectory(Path f) {
        for (Path part : REPOSITORY.relativize(f)) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path f) {
        return REPOSITORY.relativize(f).toString();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (MalformedInputException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
