package io.kubejudge.runner.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubejudge.model.result.JudgeResult;
import io.kubejudge.model.result.Language;
import io.kubejudge.model.result.TestResult;
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

    /**
     * What the whole program may do, beyond one process (issue 12): signal or re-limit any task it
     * can see in /proc, hold memory in children or SysV segments, make threads without end, fill
     * the disk, or leave files for the next test.
     */
    static final String WHOLE_PROGRAM = """
            #define _GNU_SOURCE
            #include <dirent.h>
            #include <fcntl.h>
            #include <pthread.h>
            #include <signal.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/mman.h>
            #include <sys/resource.h>
            #include <sys/shm.h>
            #include <sys/wait.h>
            #include <unistd.h>

            static void hold(int mib) { for (int i = 0; i < mib; i++) { char *p = malloc(1 << 20); if (!p) abort(); memset(p, 1, 1 << 20); } }
            static void *wait_forever(void *arg) { for (;;) pause(); return arg; }

            int main(void) {
                char mode[32];
                if (scanf("%31s", mode) != 1) return 2;
                if (!strcmp(mode, "signalrunner")) {
                    int reached = 0;
                    struct rlimit zero = {0, 0};
                    DIR *proc = opendir("/proc");
                    for (struct dirent *p; proc && (p = readdir(proc));) {
                        if (p->d_name[0] < '1' || p->d_name[0] > '9') continue;
                        char path[300];
                        snprintf(path, sizeof path, "/proc/%s/task", p->d_name);
                        DIR *tasks = opendir(path);
                        for (struct dirent *t; tasks && (t = readdir(tasks));) {
                            int tid = atoi(t->d_name);
                            if (tid <= 0 || tid == getpid()) continue;
                            reached += kill(tid, SIGTERM) == 0;
                            reached += prlimit(tid, RLIMIT_NOFILE, &zero, NULL) == 0;
                            reached += setpriority(PRIO_PROCESS, tid, 19) == 0;
                        }
                        if (tasks) closedir(tasks);
                    }
                    printf("%d\\n", reached);
                }
                if (!strcmp(mode, "children")) {
                    int kids = 0;
                    for (int i = 0; i < 3; i++) {
                        pid_t p = fork();
                        if (p == 0) { hold(80); sleep(1); _exit(0); }
                        if (p > 0) kids++; else hold(80);
                    }
                    while (kids-- > 0) wait(NULL);
                    puts("0");
                }
                if (!strcmp(mode, "sysv")) {
                    for (int i = 0; i < 3; i++) {
                        int id = shmget(IPC_PRIVATE, 80 << 20, IPC_CREAT | 0600);
                        char *p = id < 0 ? NULL : shmat(id, NULL, 0);
                        if (p == NULL || p == (void *) -1) { hold(80); continue; }
                        memset(p, 1, 80 << 20);
                        shmdt(p);
                    }
                    puts("0");
                }
                if (!strcmp(mode, "memfd")) {
                    int fd = memfd_create("hoard", 0);
                    puts(fd < 0 ? "refused" : "made");
                }
                if (!strcmp(mode, "threadbomb")) {
                    pthread_attr_t a;
                    pthread_attr_init(&a);
                    pthread_attr_setstacksize(&a, 64 << 10);
                    pthread_t t;
                    int n = 0;
                    while (pthread_create(&t, &a, wait_forever, NULL) == 0) n++;
                    puts(n <= 64 ? "capped" : "uncapped");
                }
                if (!strcmp(mode, "diskfill")) {
                    signal(SIGXFSZ, SIG_IGN);
                    static char mib[1 << 20];
                    memset(mib, 'x', sizeof mib);
                    for (int f = 0, total = 0; total < 200; f++) {
                        char name[32];
                        snprintf(name, sizeof name, "fill-%d", f);
                        int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
                        if (fd < 0) break;
                        int in_file = 0;
                        while (total < 200 && in_file < 4 && write(fd, mib, sizeof mib) == (ssize_t) sizeof mib) total++, in_file++;
                        close(fd);
                    }
                    puts("0");
                }
                if (!strcmp(mode, "plant")) { close(open("planted", O_WRONLY | O_CREAT, 0644)); puts("0"); }
                if (!strcmp(mode, "lookforplant")) puts(access("planted", F_OK) == 0 ? "found" : "clean");
                return 0;
            }
            """;

    static JudgeResult whole;
    static int sysvSegmentsBefore;

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

        Problem wholeProgram = Fixtures.problem().timeLimitMs(1000).memoryLimitMiB(128).outputLimitMiB(4)
                .test("signalrunner", "signalrunner\n", "0\n")
                .test("children", "children\n", "0\n")
                .test("sysv", "sysv\n", "0\n")
                .test("memfd", "memfd\n", "refused\n")
                .test("threadbomb", "threadbomb\n", "capped\n")
                .test("diskfill", "diskfill\n", "0\n")
                .test("plant", "plant\n", "0\n")
                .test("lookforplant", "lookforplant\n", "clean\n")
                .build(Files.createDirectories(dir.resolve("whole")));
        sysvSegmentsBefore = sysvSegments();
        System.setProperty(RunLimits.PROPERTY_DISK_LIMIT, "32");
        try {
            whole = Fixtures.judge(wholeProgram, Language.C, WHOLE_PROGRAM);
        } finally {
            System.clearProperty(RunLimits.PROPERTY_DISK_LIMIT);
        }
    }

    private static int sysvSegments() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/sysvipc/shm")).size() - 1;
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
    void theProgramReachesNoTaskOutsideItself() {
        assertThat(Fixtures.test(whole, "signalrunner").verdict()).as(Json.write(whole)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void memoryCountsForTheWholeProgram() throws Exception {
        // Three children of 80 MiB, or three detached SysV segments of 80 MiB, against 128 MiB: the
        // program may have neither, and holding the memory itself exceeds the limit.
        assertThat(Fixtures.test(whole, "children").verdict()).as(Json.write(whole)).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        assertThat(Fixtures.test(whole, "sysv").verdict()).as(Json.write(whole)).isEqualTo(Verdict.MEMORY_LIMIT_EXCEEDED);
        assertThat(Fixtures.test(whole, "memfd").verdict()).as(Json.write(whole)).isEqualTo(Verdict.ACCEPTED);
        assertThat(sysvSegments()).as("SysV segments left behind").isEqualTo(sysvSegmentsBefore);
    }

    /**
     * Where the launcher can count the uid's tasks (here, as root, a uid of our own) RLIMIT_NPROC
     * makes thread creation fail at the cap; elsewhere (the pod) the launcher's polled cap ends the
     * program (RunnerContainerTest). Either way the bomb stays near the language's task count.
     */
    @Test
    void threadsAreCapped() {
        TestResult bomb = Fixtures.test(whole, "threadbomb");
        if (bomb.verdict() == Verdict.RUNTIME_ERROR) {
            assertThat(bomb.message()).as(Json.write(whole)).contains("task limit exceeded");
        } else {
            assertThat(bomb.verdict()).as(Json.write(whole)).isEqualTo(Verdict.ACCEPTED);
        }
    }

    @Test
    void theDiskIsBoundedAndTheScratchDirectoryEmptiedBetweenTests() {
        TestResult filler = Fixtures.test(whole, "diskfill");
        assertThat(filler.verdict()).as(Json.write(whole)).isEqualTo(Verdict.OUTPUT_LIMIT_EXCEEDED);
        assertThat(filler.message()).contains("disk limit of 32 MiB");
        assertThat(Fixtures.test(whole, "plant").verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(Fixtures.test(whole, "lookforplant").verdict()).as("a file of the previous test was left").isEqualTo(Verdict.ACCEPTED);
    }

    /**
     * Without Landlock (a kernel without it, judged with --allow-no-landlock) a program can reach
     * out/ and put a link to the answers where its output was: the check step must not read it.
     */
    @Test
    void theCheckStepReadsOnlyTheOutputFileTheRunStepCreated() throws Exception {
        Problem linked = Fixtures.problem().test("t", "1 2\n", "3\n").build(Files.createDirectories(dir.resolve("linked")));
        LocalJudge.Outcome judged = new LocalJudge(Fixtures.steps(), "test")
                .judge(linked, Language.C, "#include <stdio.h>\nint main(void) { puts(\"0\"); return 0; }\n", true);
        assertThat(judged.result().verdict()).isEqualTo(Verdict.WRONG_ANSWER);
        WorkDir work = new WorkDir(judged.keptWorkDir().orElseThrow());
        CompileReport compiled = Json.readFile(work.compileReport(), CompileReport.class);
        RunReport ran = Json.readFile(work.runReport(), RunReport.class);
        Path answer = linked.dataDir().resolve("t.ans");
        try {
            Files.delete(work.stdout("t"));
            Files.createSymbolicLink(work.stdout("t"), answer);
            JudgeResult viaSymlink = Fixtures.steps().check().check(linked, compiled, ran, work, "test");
            assertThat(viaSymlink.verdict()).as(Json.write(viaSymlink)).isEqualTo(Verdict.WRONG_ANSWER);
            assertThat(viaSymlink.tests().get(0).message()).contains("symbolic link");

            Files.delete(work.stdout("t"));
            Files.createLink(work.stdout("t"), answer);
            JudgeResult viaHardLink = Fixtures.steps().check().check(linked, compiled, ran, work, "test");
            assertThat(viaHardLink.verdict()).as(Json.write(viaHardLink)).isEqualTo(Verdict.WRONG_ANSWER);
        } finally {
            LocalJudge.deleteTree(work.root());
        }
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
