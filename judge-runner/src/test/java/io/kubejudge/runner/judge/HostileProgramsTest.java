package io.kubejudge.runner.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.Verdict;
import io.kubejudge.runner.problem.Problem;
import io.kubejudge.runner.sandbox.Containment;
import io.kubejudge.runner.sandbox.ProgramUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile programs through the whole sandbox (compile, run, check): each ends with the right
 * verdict, the runner survives, nothing is left running and nothing is written outside the
 * program's scratch directory. The answers are world-readable here on purpose, so that only the
 * sandbox (Landlock), not file permissions, keeps the program from them.
 */
class HostileProgramsTest {

    static final String HOSTILE = """
            #define _GNU_SOURCE
            #include <dirent.h>
            #include <errno.h>
            #include <fcntl.h>
            #include <ftw.h>
            #include <signal.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/socket.h>
            #include <sys/stat.h>
            #include <unistd.h>

            static int found;
            static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw) {
                (void) st; (void) ftw;
                size_t n = strlen(path);
                if (type == FTW_D && (!strcmp(path, "/proc") || !strcmp(path, "/sys") || !strcmp(path, "/usr")))
                    return FTW_SKIP_SUBTREE;
                if (n > 4 && !strcmp(path + n - 4, ".ans")) found++;
                return FTW_CONTINUE;
            }

            static int creates(const char *path) {
                int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
                if (fd < 0) return 0;
                close(fd);
                return 1;
            }

            static volatile long sink;
            static long deep(long n) { volatile char frame[100]; frame[n % 100] = 1; return n == 0 ? 0 : deep(n - 1) + frame[n % 100]; }

            int main(void) {
                char mode[32], arg[4096] = "";
                if (scanf("%31s %4095s", mode, arg) < 1) return 2;
                if (!strcmp(mode, "forkbomb")) { for (;;) fork(); }
                if (!strcmp(mode, "membomb")) { for (;;) { char *p = malloc(16 << 20); memset(p, 7, 16 << 20); } }
                if (!strcmp(mode, "busy")) { for (;;) sink++; }
                if (!strcmp(mode, "sleep")) { for (;;) pause(); }
                if (!strcmp(mode, "flood")) { static char buf[1 << 16]; memset(buf, 'x', sizeof buf); for (;;) fwrite(buf, 1, sizeof buf, stdout); }
                if (!strcmp(mode, "socket")) {
                    int a = socket(AF_INET, SOCK_STREAM, 0), b = socket(AF_INET6, SOCK_DGRAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0);
                    puts(a < 0 && b < 0 && c < 0 ? "blocked" : "open");
                }
                if (!strcmp(mode, "killparent")) puts(kill(getppid(), SIGKILL) < 0 ? "blocked" : "killed");
                if (!strcmp(mode, "killall")) { puts(kill(-1, SIGKILL) < 0 ? "blocked" : "sent"); fflush(stdout); }
                if (!strcmp(mode, "findanswers")) {
                    nftw("/", visit, 64, FTW_PHYS | FTW_ACTIONRETVAL);
                    int opened = open(arg, O_RDONLY) >= 0;
                    DIR *up = opendir("..");
                    int listed = 0;
                    if (up) { while (readdir(up)) listed++; closedir(up); }
                    printf("%d %s %d\\n", found, opened ? "opened" : "denied", listed);
                }
                if (!strcmp(mode, "writeoutside")) {
                    char tmp[64];
                    snprintf(tmp, sizeof tmp, "/tmp/kubejudge-escape-%d", (int) getpid());
                    int n = creates(tmp) + creates("../escape") + creates("../build/escape") + creates("../out/escape")
                          + creates(arg) + creates("own-scratch-file");
                    printf("%d\\n", n);
                }
                if (!strcmp(mode, "background")) {
                    if (fork() == 0) { setsid(); if (fork() == 0) { for (;;) pause(); } _exit(0); }
                    if (fork() == 0) { for (;;) sink++; }
                    puts("left");
                }
                if (!strcmp(mode, "recursion")) printf("%ld\\n", deep(1500000) == 1500000 ? 1L : 0L);
                return 0;
            }
            """;

    @TempDir
    static Path dir;
    static Problem problem;
    static Path answer;
    static Path outsideTarget;
    static JudgeResult result;

    @BeforeAll
    static void judgeOnce() throws Exception {
        Containment.require();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = dir.resolve("data");
        answer = data.resolve("socket.ans");
        outsideTarget = dir.resolve("planted-by-program");
        problem = Fixtures.problem().timeLimitMs(1000).memoryLimitMiB(256).outputLimitMiB(4)
                .test("forkbomb", "forkbomb\n", "0\n")
                .test("membomb", "membomb\n", "0\n")
                .test("busy", "busy\n", "0\n")
                .test("sleep", "sleep\n", "0\n")
                .test("flood", "flood\n", "0\n")
                .test("socket", "socket\n", "blocked\n")
                .test("killparent", "killparent\n", "blocked\n")
                .test("killall", "killall\n", "blocked\n")
                .test("findanswers", "findanswers " + answer + "\n", "0 denied 0\n")
                .test("writeoutside", "writeoutside " + outsideTarget + "\n", "1\n")
                .test("background", "background\n", "left\n")
                .test("recursion", "recursion\n", "1\n")
                .build(dir);
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        result = Fixtures.judge(problem, Language.C, HOSTILE);
    }

    @Test
    void landlockWasInForce() {
        assertThat(result.compile().success()).as(result.compile().message()).isTrue();
        assertThat(result.judge().landlock()).isTrue();
    }

    @Test
    void everyHostileProgramGetsTheRightVerdict() {
        assertThat(result.tests()).extracting(t -> Map.entry(t.name(), t.verdict())).as(Json.write(result)).containsExactly(
                Map.entry("forkbomb", Verdict.TIME_LIMIT_EXCEEDED),
                Map.entry("membomb", Verdict.MEMORY_LIMIT_EXCEEDED),
                Map.entry("busy", Verdict.TIME_LIMIT_EXCEEDED),
                Map.entry("sleep", Verdict.TIME_LIMIT_EXCEEDED),
                Map.entry("flood", Verdict.OUTPUT_LIMIT_EXCEEDED),
                Map.entry("socket", Verdict.ACCEPTED),
                Map.entry("killparent", Verdict.ACCEPTED),
                Map.entry("killall", Verdict.ACCEPTED),
                Map.entry("findanswers", Verdict.ACCEPTED),
                Map.entry("writeoutside", Verdict.ACCEPTED),
                Map.entry("background", Verdict.ACCEPTED),
                Map.entry("recursion", Verdict.ACCEPTED));
    }

    @Test
    void sleeperIsStoppedByTheWallClockSoon() {
        assertThat(Fixtures.test(result, "sleep").message()).contains("wall-clock limit of 3000 ms");
        assertThat(Fixtures.test(result, "sleep").timeMs()).isLessThan(100);
    }

    @Test
    void nothingIsLeftRunning() throws Exception {
        if (ProgramUser.forThisProcess().switchTo().isPresent()) {
            assertThat(Fixtures.processesOf(ProgramUser.forThisProcess().switchTo().orElseThrow())).isEmpty();
        }
        try (Stream<ProcessHandle> children = ProcessHandle.current().descendants()) {
            assertThat(children.map(p -> p.info().command().orElse("?")).toList()).noneMatch(c -> c.endsWith("/program"));
        }
        List<String> programs = new java.util.ArrayList<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> p.info().command().orElse("").endsWith("/build/program")).forEach(p -> programs.add(p.pid() + ""));
        }
        assertThat(programs).isEmpty();
    }

    @Test
    void nothingWasWrittenOutsideTheScratchDirectory() throws Exception {
        assertThat(outsideTarget).doesNotExist();
        try (Stream<Path> tmp = Files.list(Path.of("/tmp"))) {
            assertThat(tmp.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("kubejudge-escape-"));
        }
    }
}
