package io.kubejudge.runner.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaSourceTest {

    private final JavaLanguage java = new JavaLanguage();

    @Test
    void fileIsNamedAfterThePublicClass() {
        String src = "import java.util.*;\npublic class Solution {\n  public static void main(String[] a) {}\n}\n";
        assertThat(java.sourceFileName(src)).isEqualTo("Solution.java");
        assertThat(java.entryPoint("Solution.java", src)).isEqualTo("Solution");
    }

    @Test
    void nestedHelperBeforeMainDoesNotBecomeTheEntryPoint() {
        String src = """
                public class Main {
                    static class FastReader { void read() { } }
                    public static void main(String[] args) { }
                }
                """;
        assertThat(java.entryPoint(java.sourceFileName(src), src)).isEqualTo("Main");
    }

    @Test
    void withoutPublicClassTheClassDeclaringMainIsUsed() {
        String src = """
                class Helper { int x; }
                final class Program {
                    static void main(String[] args) { }
                }
                """;
        assertThat(java.sourceFileName(src)).isEqualTo("Program.java");
        assertThat(java.entryPoint("Program.java", src)).isEqualTo("Program");
    }

    @Test
    void commentsAndStringsDoNotFoolTheScan() {
        String src = """
                // public class Commented { }
                /* public class Block { public static void main(String[] a) {} } */
                public final class Real {
                    String s = "public class InString { static void main(";
                    public static void main(String... args) { }
                }
                """;
        assertThat(java.sourceFileName(src)).isEqualTo("Real.java");
        assertThat(java.entryPoint("Real.java", src)).isEqualTo("Real");
    }

    @Test
    void packageQualifiesTheEntryPoint() {
        String src = "package contest.a;\npublic class A { public static void main(String[] x) { } }\n";
        assertThat(java.entryPoint(java.sourceFileName(src), src)).isEqualTo("contest.a.A");
    }

    @Test
    void mainInASecondTopLevelClassIsFound() {
        String src = "public class Util { }\nclass Runner { public static void main(String[] a) { } }\n";
        assertThat(java.sourceFileName(src)).isEqualTo("Util.java");
        assertThat(java.entryPoint("Util.java", src)).isEqualTo("Runner");
    }
}
