/*
 * kj-launcher: KubeJudge's native sandbox launcher.
 *
 *   cc -O2 -o kj-launcher kj-launcher.c        (C17, Linux, glibc only)
 *   kj-launcher <spec-file>
 *
 * Runs every test of a batch sequentially (one vfork+exec per test) and prints
 * one JSON line per test on stdout. Native because the per-test overhead must
 * stay below 1 ms over spawning the program bare.
 *
 * Spec file: "key=value" lines (first '=' splits), '#' comments, blank lines
 * ignored. Global keys come before the first "test=" line:
 *   arg= (repeated, argv; argv[0] without '/' is searched in the spec's PATH)
 *   env= (repeated, the whole environment)   dir= (working directory)
 *   cpu_ms= wall_ms= memory_kib= stack_kib= fsize_kib=  (absent or 0: no limit)
 *   as_limit=1|0 (default 1)  as_extra_kib=  nofile=  nproc=  (absent: not set)
 *   uid= gid= (applied only when running as root)
 *   landlock_ro= landlock_rw= (repeated)   seccomp=run|compile|none (default run)
 *   result_dir= (accepted and ignored)
 *   stop_on_failure=1|0 (default 0): end the batch after the first test whose
 *     status is not OK (with an interactor: or whose interactor did not exit
 *     with an interactor_pass= code, see below); the later tests are not run
 *     and not reported, and leave no output files
 * Per-test keys: test=<name>, then stdin= (default /dev/null), stdout=,
 * stderr= (default /dev/null). Relative paths are relative to the launcher's
 * working directory. Unknown keys: message on stderr, exit code 2. A test's
 * files are opened (outputs created) while the test before it runs, unless it
 * writes to a path that test writes to. A stderr file its program left empty
 * may be renamed to a later test's stderr path: an absent stderr file is an
 * empty one.
 *
 * Output, one line per test, flushed:
 *   {"test":"t1","status":"OK|RE|TLE|MLE|OLE|SE","exitCode":0,"signal":null,
 *    "cpuMs":12,"wallMs":15,"memoryKiB":1536,"landlock":true,"message":""}
 * plus "nearMemoryLimit":true on RE when as_limit=1 and peak RSS >= 90% of
 * memory_kib. Exit code: 0 all tests ran (or the batch stopped at a failure
 * with stop_on_failure=1), 2 bad spec, 3 internal failure.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#define EXIT_SPEC 2
#define EXIT_INTERNAL 3
#define EXIT_NO_LANDLOCK 4 /* landlock_required=1 and Landlock cannot be applied */
#define MS 1000000LL /* nanoseconds per millisecond */

#ifndef SECCOMP_RET_KILL_PROCESS
#define SECCOMP_RET_KILL_PROCESS 0x80000000U
#endif
#ifndef __NR_close_range
#define __NR_close_range 436
#endif
#ifndef FIOSETOWN
#define FIOSETOWN 0x8901
#endif
#ifndef SIOCSPGRP
#define SIOCSPGRP 0x8902
#endif

/* Landlock: own definitions, because distribution headers lag the kernel ABI
 * (Debian 12's headers stop at ABI 2 while its kernels offer more). The
 * syscall numbers are the same on x86_64 and aarch64. */
#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif
#define LL_CREATE_RULESET_VERSION (1U << 0)
#define LL_RULE_PATH_BENEATH 1
#define LL_FS_EXECUTE (1ULL << 0)
#define LL_FS_WRITE_FILE (1ULL << 1)
#define LL_FS_READ_FILE (1ULL << 2)
#define LL_FS_READ_DIR (1ULL << 3)
#define LL_FS_ABI1 ((1ULL << 13) - 1) /* EXECUTE .. MAKE_SYM */
#define LL_FS_REFER (1ULL << 13)      /* ABI 2 */
#define LL_FS_TRUNCATE (1ULL << 14)   /* ABI 3 */
#define LL_FS_IOCTL_DEV (1ULL << 15)  /* ABI 5 */
#define LL_NET_BIND_TCP (1ULL << 0)   /* ABI 4 */
#define LL_NET_CONNECT_TCP (1ULL << 1)
#define LL_SCOPE_ABSTRACT_UNIX (1ULL << 0) /* ABI 6 */
#define LL_SCOPE_SIGNAL (1ULL << 1)
/* Rights that may be granted on a non-directory (others give EINVAL). */
#define LL_FILE_RIGHTS (LL_FS_EXECUTE | LL_FS_WRITE_FILE | LL_FS_READ_FILE | \
                        LL_FS_TRUNCATE | LL_FS_IOCTL_DEV)
struct ll_ruleset_attr { uint64_t fs, net, scoped; };
struct ll_path_beneath { uint64_t allowed; int32_t parent_fd; } __attribute__((packed));

/* ------------------------------------------------------------------ spec */

struct strv { char **v; size_t n, cap; }; /* always NULL-terminated once used */
struct test { char *name, *in, *out, *err; };
enum { SC_NONE, SC_RUN, SC_COMPILE };

static struct spec {
    struct strv argv, env, ro, rw;
    char *dir;
    long long cpu_ms, wall_ms, mem_kib, as_extra_kib, stack_kib, fsize_kib;
    long long nofile, nproc, uid, gid; /* -1 = not given */
    long long stop_on_failure;
    int as_limit, seccomp;
    struct test *tests;
    size_t ntests, tcap;
} S;

/* Keys of the sandbox hardening (issue 12); zero or NULL when not given:
 *   landlock_required=1  exit code 4, with the reason on stderr, when Landlock cannot be applied
 *   max_tasks=           threads the program may have (polled; the run mode allows no processes)
 *   scratch=             the program's writable directory: emptied before every test
 *   disk_kib=            the tests' stdout/stderr files plus the scratch directory, in total
 */
static struct {
    long long landlock_required, max_tasks, disk_kib;
    char *scratch;
} H;

static _Noreturn void die(const char *what)
{
    fprintf(stderr, "kj-launcher: %s: %s\n", what, strerror(errno));
    exit(EXIT_INTERNAL);
}

static void *xrealloc(void *p, size_t n)
{
    if (!(p = realloc(p, n))) die("realloc");
    return p;
}

static void strv_push(struct strv *s, char *x)
{
    if (s->n + 2 > s->cap) {
        s->cap = s->cap ? 2 * s->cap : 8;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = x;
    s->v[s->n] = NULL;
}

static _Noreturn void spec_error(int line, const char *msg, const char *arg)
{
    fprintf(stderr, "kj-launcher: spec line %d: %s%s\n", line, msg, arg ? arg : "");
    exit(EXIT_SPEC);
}

static long long parse_num(int line, const char *key, const char *v, long long max)
{
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || end == v || *end || x < 0 || x > max) spec_error(line, "bad number for ", key);
    return x;
}

/* The hardening keys (see H); 1 when k was one of them. */
static int parse_hardening_key(int line, const char *k, char *v)
{
    if (!strcmp(k, "scratch")) {
        H.scratch = v;
        return 1;
    }
    long long *p = !strcmp(k, "landlock_required") ? &H.landlock_required
                 : !strcmp(k, "max_tasks") ? &H.max_tasks : !strcmp(k, "disk_kib") ? &H.disk_kib : NULL;
    if (!p) return 0;
    *p = parse_num(line, k, v, p == &H.landlock_required ? 1 : 1LL << 40);
    free(v);
    return 1;
}

/* ------------------------------------------------------- interactive spec */

/* Interactive problems: an interactor (the problem's trusted program) runs
 * beside each test's program, its stdout on the program's stdin and the
 * program's stdout on its stdin, connected as problemtools' "interactive"
 * tool connects them. It runs under the launcher's own credentials, in its
 * own process group, without the program's rlimits, Landlock domain or
 * seccomp filter: the data it reads stays outside the program's Landlock
 * rules, and a Landlock domain cannot ptrace, signal or read /proc/<pid>/fd,
 * mem, environ of a process outside it.
 *   interactor=        (repeated, global) its argv; argv[0] without '/' is
 *                      searched in the launcher's own PATH
 *   interactor_dir=    (global) its working directory
 *   interactor_ok=     (global, default 42) its exit code for "accepted"
 *   interactor_pass=   (repeated, global, default the interactor_ok code) its
 *                      exit codes after which the test may still pass (testlib's
 *                      7, points, besides 0): with stop_on_failure=1 any other end
 *                      of the interactor ends the batch
 *   interactor_memory_kib= (global, absent or 0: no limit) its resident memory,
 *                      polled with the program's limits and checked against its
 *                      peak when it ends: over it, it is killed (SIGKILL)
 *   interactor_arg=    (repeated, per test) appended to its argv
 *   interactor_stderr= (per test, default /dev/null)
 * The program's stdin= and stdout= are then unused. Each line gains
 *   "interactor":{"exitCode":42,"signal":null,"cpuMs":3,"first":true,"killed":false,
 *                 "memoryKiB":1200,"memoryExceeded":false}
 * first: it ended before the program; killed: it still ran at the wall limit;
 * memoryKiB: its resident peak; memoryExceeded: over interactor_memory_kib. */
struct ia_test { struct strv args; char *err; };
static struct {
    struct strv argv;
    char *dir, *exe;
    long long ok, mem_kib;
    unsigned char pass[256]; /* 1: an exit code that may pass (npass == 0: only ok) */
    int npass;
    struct ia_test *tests;
    size_t cap;
} IA = {.ok = 42};

static int ia_spec_key(int ln, const char *k, char *v)
{
    int global = !strcmp(k, "interactor") || !strcmp(k, "interactor_dir") || !strcmp(k, "interactor_ok")
              || !strcmp(k, "interactor_pass") || !strcmp(k, "interactor_memory_kib");
    int per_test = !strcmp(k, "interactor_arg") || !strcmp(k, "interactor_stderr");
    if (!global && !per_test) return 0;
    if (global && S.ntests) spec_error(ln, "global key after the first test line: ", k);
    if (per_test && !S.ntests) spec_error(ln, "per-test key before the first test line: ", k);
    if (!strcmp(k, "interactor")) strv_push(&IA.argv, v);
    else if (!strcmp(k, "interactor_dir")) IA.dir = v;
    else if (!strcmp(k, "interactor_ok")) IA.ok = parse_num(ln, k, v, 255), free(v);
    else if (!strcmp(k, "interactor_pass")) IA.pass[parse_num(ln, k, v, 255)] = 1, IA.npass++, free(v);
    else if (!strcmp(k, "interactor_memory_kib")) IA.mem_kib = parse_num(ln, k, v, 1LL << 40), free(v);
    else {
        if (IA.cap < S.ntests) {
            IA.tests = xrealloc(IA.tests, S.tcap * sizeof *IA.tests);
            memset(IA.tests + IA.cap, 0, (S.tcap - IA.cap) * sizeof *IA.tests);
            IA.cap = S.tcap;
        }
        struct ia_test *it = &IA.tests[S.ntests - 1];
        if (!strcmp(k, "interactor_arg")) strv_push(&it->args, v);
        else it->err = v;
    }
    return 1;
}

static void parse_spec(const char *path)
{
    FILE *f = fopen(path, "re");
    if (!f) {
        fprintf(stderr, "kj-launcher: cannot open spec %s: %s\n", path, strerror(errno));
        exit(EXIT_SPEC);
    }
    S.cpu_ms = S.wall_ms = S.mem_kib = S.stack_kib = S.fsize_kib = -1;
    S.nofile = S.nproc = S.uid = S.gid = -1;
    S.as_extra_kib = 0;
    S.as_limit = 1;
    S.seccomp = SC_RUN;
    struct { const char *key; long long *p, max; } nums[] = {
        {"cpu_ms", &S.cpu_ms, LLONG_MAX / MS}, {"wall_ms", &S.wall_ms, LLONG_MAX / MS},
        {"memory_kib", &S.mem_kib, 1LL << 40}, {"as_extra_kib", &S.as_extra_kib, 1LL << 40},
        {"stack_kib", &S.stack_kib, 1LL << 40}, {"fsize_kib", &S.fsize_kib, 1LL << 40},
        {"nofile", &S.nofile, INT_MAX}, {"nproc", &S.nproc, INT_MAX},
        {"uid", &S.uid, 0xfffffffeLL}, {"gid", &S.gid, 0xfffffffeLL},
        {"stop_on_failure", &S.stop_on_failure, 1},
    };
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int ln = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        ln++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (len == 0 || line[0] == '#') continue;
        char *eq = strchr(line, '=');
        if (!eq) spec_error(ln, "missing '=' in line: ", line);
        *eq = 0;
        const char *k = line;
        char *v = strdup(eq + 1);
        if (!v) die("strdup");
        struct test *t = S.ntests ? &S.tests[S.ntests - 1] : NULL;
        if (!strcmp(k, "test")) {
            if (S.ntests == S.tcap) {
                S.tcap = S.tcap ? 2 * S.tcap : 16;
                S.tests = xrealloc(S.tests, S.tcap * sizeof *S.tests);
            }
            S.tests[S.ntests++] = (struct test){v, NULL, NULL, NULL};
            continue;
        }
        char **slot = !strcmp(k, "stdin") ? (t ? &t->in : NULL)
                    : !strcmp(k, "stdout") ? (t ? &t->out : NULL)
                    : !strcmp(k, "stderr") ? (t ? &t->err : NULL) : (char **)-1;
        if (slot == NULL) spec_error(ln, "per-test key before the first test line: ", k);
        if (slot != (char **)-1) { *slot = v; continue; }
        if (ia_spec_key(ln, k, v)) continue;
        if (t) spec_error(ln, "global key after the first test line: ", k);
        if (!strcmp(k, "arg")) strv_push(&S.argv, v);
        else if (!strcmp(k, "env")) strv_push(&S.env, v);
        else if (!strcmp(k, "landlock_ro")) strv_push(&S.ro, v);
        else if (!strcmp(k, "landlock_rw")) strv_push(&S.rw, v);
        else if (!strcmp(k, "dir")) S.dir = v;
        else if (!strcmp(k, "result_dir")) free(v);
        else if (parse_hardening_key(ln, k, v)) {}
        else if (!strcmp(k, "as_limit")) {
            if (strcmp(v, "0") && strcmp(v, "1")) spec_error(ln, "as_limit must be 0 or 1", NULL);
            S.as_limit = v[0] == '1';
            free(v);
        } else if (!strcmp(k, "seccomp")) {
            if (!strcmp(v, "run")) S.seccomp = SC_RUN;
            else if (!strcmp(v, "compile")) S.seccomp = SC_COMPILE;
            else if (!strcmp(v, "none")) S.seccomp = SC_NONE;
            else spec_error(ln, "seccomp must be run, compile or none, not ", v);
            free(v);
        } else {
            size_t i;
            for (i = 0; i < sizeof nums / sizeof nums[0]; i++)
                if (!strcmp(k, nums[i].key)) break;
            if (i == sizeof nums / sizeof nums[0]) spec_error(ln, "unknown key ", k);
            *nums[i].p = parse_num(ln, k, v, nums[i].max);
            free(v);
        }
    }
    free(line);
    fclose(f);
    if (!S.argv.n) spec_error(ln, "no arg= line", NULL);
    if (!S.ntests) spec_error(ln, "no test= line", NULL);
    if (!S.env.n) strv_push(&S.env, NULL), S.env.n = 0; /* empty, NULL-terminated */
}

/* --------------------------------------------------------------- globals */

static pid_t self_pid, runner_pid, self_pgrp, self_sid;
static int is_root, ll_fd = -1;
static rlim_t nproc_limit = RLIM_INFINITY;
static struct strv exec_paths; /* candidates for argv[0] */
static sigset_t wait_set, chld_set;
static long clk_tck, page_kib;

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* --------------------------------------------------------------- seccomp */

#if defined(__x86_64__)
#define KJ_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define KJ_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "kj-launcher supports x86_64 and aarch64 only"
#endif
#define ARG_LO(i) ((uint32_t)(offsetof(struct seccomp_data, args) + 8 * (i) + \
                              (__BYTE_ORDER == __LITTLE_ENDIAN ? 0 : 4)))
#define RET_EPERM (SECCOMP_RET_ERRNO | EPERM)
#define RET_ENOSYS (SECCOMP_RET_ERRNO | ENOSYS)
#define CLONE_NEW_ANY (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
                       CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

/* The filter is a binary search over syscall numbers rather than a chain
 * of comparisons: the kernel emulates the filter for every syscall number
 * when it is attached (to cache the constant "allow" answers), once per test,
 * and a 70-long chain made that cost ~150 us per test here. */
static struct sock_filter filt[400];
static unsigned nfilt;
static unsigned self_slots[16], nself; /* JEQ k patched with -(child pid) */
static unsigned main_slots[16], nmain; /* JEQ k patched with +(child pid) */

static unsigned emit(uint16_t code, uint32_t k)
{
    if (nfilt == sizeof filt / sizeof filt[0]) { errno = E2BIG; die("seccomp filter"); }
    filt[nfilt] = (struct sock_filter){code, 0, 0, k};
    return nfilt++;
}
static void ld(uint32_t off) { emit(BPF_LD | BPF_W | BPF_ABS, off); }
static unsigned ret(uint32_t v) { return emit(BPF_RET | BPF_K, v); }
static unsigned jmp(uint16_t op, uint32_t k) { return emit(BPF_JMP | op | BPF_K, k); }
static unsigned jeq(uint32_t k) { return jmp(BPF_JEQ, k); }
/* Conditional jumps are 8-bit forward offsets. */
static void jto(uint8_t *field, unsigned at, unsigned to)
{
    if (to <= at || to - at - 1 > 255) { errno = ERANGE; die("seccomp filter jump"); }
    *field = (uint8_t)(to - at - 1);
}
static void jt_to(unsigned at, unsigned to) { jto(&filt[at].jt, at, to); }
static void jf_to(unsigned at, unsigned to) { jto(&filt[at].jf, at, to); }

/* Syscalls refused with EPERM in every mode. */
static const int deny_nrs[] = {
    __NR_socket, __NR_connect, __NR_bind, __NR_listen, __NR_accept, __NR_accept4,
    __NR_ptrace, __NR_process_vm_readv, __NR_process_vm_writev,
    __NR_mount, __NR_umount2, __NR_pivot_root, __NR_chroot, __NR_unshare, __NR_setns,
    __NR_keyctl, __NR_add_key, __NR_request_key, __NR_bpf, __NR_perf_event_open,
    __NR_userfaultfd, __NR_kexec_load, __NR_kexec_file_load, __NR_init_module,
    __NR_finit_module, __NR_delete_module, __NR_reboot, __NR_swapon, __NR_swapoff,
    __NR_setsid, __NR_setpgid, /* the program must stay in its process group */
    __NR_personality, /* not even the 0xffffffff query: gcc, javac, java, go, python
                       * never call it */
#ifdef __x86_64__
    __NR_iopl, __NR_ioperm,
#endif
#ifdef __NR_pidfd_open
    __NR_pidfd_open, __NR_pidfd_send_signal, __NR_pidfd_getfd,
#endif
#ifdef __NR_io_uring_setup
    __NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register,
#endif
#ifdef __NR_fsopen /* the new mount API */
    __NR_open_tree, __NR_move_mount, __NR_fsopen, __NR_fsconfig, __NR_fsmount, __NR_fspick,
#endif
#ifdef __NR_mount_setattr
    __NR_mount_setattr,
#endif
};

/* What a syscall number leads to: a return value, or a block checking its
 * arguments. */
enum { A_EPERM, A_ENOSYS, A_CLONE, A_PID0, A_FCNTL, A_IOCTL, A_PRIO, A_SOCKETPAIR, A_CLONE_RUN, A_COUNT };
struct rule { uint32_t lo, hi; int act; };
static struct rule rules[128];
static unsigned nrules, ja_slot[128], nja;
static int ja_act[128];

static void add_rule(uint32_t nr, int act)
{
    if (nrules == sizeof rules / sizeof rules[0]) { errno = E2BIG; die("seccomp rules"); }
    rules[nrules++] = (struct rule){nr, nr, act};
}
static int rule_cmp(const void *a, const void *b)
{
    const struct rule *x = a, *y = b;
    return (x->lo > y->lo) - (x->lo < y->lo);
}
static void action(int act)
{
    if (act == A_EPERM) ret(RET_EPERM);
    else if (act == A_ENOSYS) ret(RET_ENOSYS);
    else ja_act[nja] = act, ja_slot[nja++] = emit(BPF_JMP | BPF_JA, 0); /* k patched later */
}
/* A holds the syscall number; every path ends in RET or a JA to a block. */
static void tree(const struct rule *r, unsigned n)
{
    if (n == 1) {
        if (r->lo == r->hi) {
            filt[jeq(r->lo)].jf = 1;
        } else {
            unsigned lo = jmp(BPF_JGE, r->lo), hi = jmp(BPF_JGT, r->hi);
            filt[lo].jf = 2;
            filt[hi].jt = 1;
        }
        action(r->act);
        ret(SECCOMP_RET_ALLOW);
        return;
    }
    unsigned m = n / 2, j = jmp(BPF_JGE, r[m].lo);
    tree(r, m);
    jt_to(j, nfilt);
    tree(r + m, n - m);
}

struct pid_rule { unsigned allow, deny; };

/* Body checking a pid-like argument (signed low 32 bits). Allows only 0 (the
 * caller itself, or its group for kill), the program's main process and its
 * process group (k patched in the child): every other pid may belong to the
 * runner, whose threads' ids a program can read in /proc and which runs under
 * the same uid in the pod. Its own children are refused too: pids are not
 * something BPF can tell apart, and the run mode allows no children anyway.
 * Ends in RET on every path. */
static struct pid_rule pid_rule(unsigned argi)
{
    ld(ARG_LO(argi));
    unsigned zero = jeq(0);
    unsigned own = jeq(0);
    self_slots[nself++] = own;
    unsigned main_pid = jeq(0);
    main_slots[nmain++] = main_pid;
    struct pid_rule r;
    r.deny = ret(RET_EPERM);
    r.allow = ret(SECCOMP_RET_ALLOW);
    jt_to(zero, r.allow);
    jt_to(own, r.allow);
    jt_to(main_pid, r.allow);
    return r;
}

/* Rules of the hardening (issue 12). Both modes: scheduling and page
 * placement of other processes go through the pid rule. Run mode: no new
 * processes (so the memory, task and signal limits of one process are those of
 * the whole program) and no memory outside the process's own mappings that
 * could outlive it or escape its measurement: SysV IPC, POSIX message queues,
 * memfd. POSIX shared memory (/dev/shm) is outside the program's Landlock paths. */
static void add_hardening_rules(int mode)
{
    const int pid_nrs[] = {__NR_sched_setaffinity, __NR_sched_setparam, __NR_sched_setscheduler,
                           __NR_migrate_pages, __NR_move_pages,
#ifdef __NR_sched_setattr
                           __NR_sched_setattr,
#endif
    };
    for (size_t i = 0; i < sizeof pid_nrs / sizeof pid_nrs[0]; i++) add_rule((uint32_t)pid_nrs[i], A_PID0);
    if (mode != SC_RUN) return;
    const int run_deny[] = {
#ifdef __x86_64__
        __NR_fork, __NR_vfork,
#endif
        __NR_shmget, __NR_shmat, __NR_shmctl, __NR_shmdt, __NR_semget, __NR_semop, __NR_semctl,
        __NR_semtimedop, __NR_msgget, __NR_msgsnd, __NR_msgrcv, __NR_msgctl,
        __NR_mq_open, __NR_mq_unlink, __NR_mq_timedsend, __NR_mq_timedreceive, __NR_mq_notify,
        __NR_mq_getsetattr, __NR_memfd_create,
#ifdef __NR_memfd_secret
        __NR_memfd_secret,
#endif
    };
    for (size_t i = 0; i < sizeof run_deny / sizeof run_deny[0]; i++) add_rule((uint32_t)run_deny[i], A_EPERM);
}

/* clone in run mode: threads only (no CLONE_THREAD means a new process). */
static unsigned emit_clone_run(void)
{
    unsigned start = nfilt;
    ld(ARG_LO(0));
    unsigned ns = jmp(BPF_JSET, (uint32_t)CLONE_NEW_ANY);
    unsigned th = jmp(BPF_JSET, (uint32_t)CLONE_THREAD);
    jt_to(ns, ret(RET_EPERM));
    jt_to(th, ret(SECCOMP_RET_ALLOW));
    return start;
}

static void build_filter(int mode)
{
    ld(offsetof(struct seccomp_data, arch));
    unsigned a = jeq(KJ_AUDIT_ARCH);
    ret(SECCOMP_RET_KILL_PROCESS); /* wrong arch (i386 int 0x80, arm32) */
    jt_to(a, nfilt);
    ld(offsetof(struct seccomp_data, nr));
#ifdef __x86_64__
    unsigned x32 = jmp(BPF_JGE, 0x40000000U); /* __X32_SYSCALL_BIT */
    jf_to(x32, ret(RET_EPERM) + 1);
#endif
    for (size_t i = 0; i < sizeof deny_nrs / sizeof deny_nrs[0]; i++) add_rule((uint32_t)deny_nrs[i], A_EPERM);
    add_rule(__NR_socketpair, mode == SC_COMPILE ? A_SOCKETPAIR : A_EPERM);
#ifdef __NR_clone3
    /* clone3 passes flags in memory BPF cannot read: ENOSYS makes glibc fall
     * back to clone, whose flags we can check. */
    add_rule(__NR_clone3, A_ENOSYS);
#endif
    add_rule(__NR_clone, mode == SC_RUN ? A_CLONE_RUN : A_CLONE);
    add_hardening_rules(mode);
    /* Signals and rlimits of other processes: same uid would be enough to
     * kill the launcher (or to set its RLIMIT_CPU with prlimit). */
    const int pid_nrs[] = {__NR_kill, __NR_tkill, __NR_tgkill, __NR_rt_sigqueueinfo,
                           __NR_rt_tgsigqueueinfo, __NR_prlimit64};
    for (size_t i = 0; i < sizeof pid_nrs / sizeof pid_nrs[0]; i++) add_rule((uint32_t)pid_nrs[i], A_PID0);
    add_rule(__NR_fcntl, A_FCNTL);
    add_rule(__NR_ioctl, A_IOCTL);
    add_rule(__NR_setpriority, A_PRIO);
    qsort(rules, nrules, sizeof rules[0], rule_cmp);
    unsigned n = 0; /* merge runs of consecutive numbers with the same action */
    for (unsigned i = 0; i < nrules; i++) {
        if (n && rules[i].lo == rules[n - 1].hi + 1 && rules[i].act == rules[n - 1].act) rules[n - 1].hi = rules[i].lo;
        else rules[n++] = rules[i];
    }
    tree(rules, n);

    unsigned start[A_COUNT], b, j, k;
    struct pid_rule r;
    start[A_CLONE] = nfilt; /* threads and forks yes, new namespaces no */
    ld(ARG_LO(0));
    j = jmp(BPF_JSET, (uint32_t)CLONE_NEW_ANY);
    ret(SECCOMP_RET_ALLOW);
    jt_to(j, ret(RET_EPERM));
    start[A_PID0] = nfilt;
    pid_rule(0);
    /* F_SETOWN + O_ASYNC (+ F_SETSIG) sends any signal, SIGKILL included, to
     * the owner: same check on the owner; F_SETOWN_EX passes a pointer. */
    start[A_FCNTL] = nfilt;
    ld(ARG_LO(1));
    j = jeq(F_SETOWN_EX);
    k = jeq(F_SETOWN);
    r = pid_rule(2);
    jt_to(j, r.deny);
    jf_to(k, r.allow);
    start[A_IOCTL] = nfilt; /* the ioctl forms of F_SETOWN take a pointer */
    ld(ARG_LO(1));
    j = jeq(FIOSETOWN);
    k = jeq(SIOCSPGRP);
    ret(SECCOMP_RET_ALLOW);
    jt_to(j, ret(RET_EPERM));
    jt_to(k, nfilt - 1);
    start[A_PRIO] = nfilt; /* renicing the launcher: PRIO_PROCESS of ours only */
    ld(ARG_LO(0));
    j = jeq(0 /* PRIO_PROCESS */);
    r = pid_rule(1);
    jf_to(j, r.deny);
    if (mode == SC_COMPILE) { /* compilers: AF_UNIX socketpair only */
        start[A_SOCKETPAIR] = nfilt;
        ld(ARG_LO(0));
        b = jeq(AF_UNIX);
        ret(RET_EPERM);
        jt_to(b, ret(SECCOMP_RET_ALLOW));
    }
    if (mode == SC_RUN) start[A_CLONE_RUN] = emit_clone_run();
    for (unsigned i = 0; i < nja; i++) filt[ja_slot[i]].k = start[ja_act[i]] - ja_slot[i] - 1;
}

/* --------------------------------------------------------------- landlock */

static void ll_add(int rs, const char *path, uint64_t access)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT && errno != ENOTDIR)
            fprintf(stderr, "kj-launcher: landlock path %s skipped: %s\n", path, strerror(errno));
        return;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) access &= LL_FILE_RIGHTS;
    struct ll_path_beneath pb = {access, fd};
    if (syscall(__NR_landlock_add_rule, rs, LL_RULE_PATH_BENEATH, &pb, 0)) die("landlock_add_rule");
    close(fd);
}

/* Builds the ruleset once per batch; each child only calls restrict_self. */
static void ll_build(void)
{
    if (!S.ro.n && !S.rw.n) return;
    long abi = syscall(__NR_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);
    if (abi < 1) return; /* not compiled in, disabled, or refused by a seccomp profile */
    struct ll_ruleset_attr a = {LL_FS_ABI1, 0, 0};
    if (abi >= 2) a.fs |= LL_FS_REFER; /* in ABI 1 REFER is always denied */
    if (abi >= 3) a.fs |= LL_FS_TRUNCATE;
    if (abi >= 4) a.net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP; /* no rule: no TCP */
    if (abi >= 5) a.fs |= LL_FS_IOCTL_DEV;
    /* Signals and abstract sockets only within the program's own domain: a
     * second wall around the launcher and the runner. */
    if (abi >= 6) a.scoped = LL_SCOPE_ABSTRACT_UNIX | LL_SCOPE_SIGNAL;
    size_t size = abi >= 6 ? 24 : abi >= 4 ? 16 : 8;
    int rs = (int)syscall(__NR_landlock_create_ruleset, &a, size, 0);
    if (rs < 0) die("landlock_create_ruleset");
    for (size_t i = 0; i < S.ro.n; i++)
        ll_add(rs, S.ro.v[i], LL_FS_EXECUTE | LL_FS_READ_FILE | LL_FS_READ_DIR);
    for (size_t i = 0; i < S.rw.n; i++) ll_add(rs, S.rw.v[i], a.fs);
    ll_fd = rs;
}

/* Fail closed: without Landlock the program would own every path its uid
 * owns (in the pod: all of /work, its outputs included). Says why on stderr,
 * naming the kernel release, and exits EXIT_NO_LANDLOCK. */
static void ll_require(void)
{
    if (!H.landlock_required || ll_fd >= 0) return;
    if (!S.ro.n && !S.rw.n) {
        fprintf(stderr, "kj-launcher: landlock_required=1 without landlock_ro/landlock_rw paths\n");
        exit(EXIT_SPEC);
    }
    long abi = syscall(__NR_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);
    int e = errno;
    struct utsname u;
    if (uname(&u)) strcpy(u.release, "unknown");
    fprintf(stderr, "kj-launcher: Landlock unavailable (kernel %s): %s\n", u.release,
            abi >= 1 ? "unexpected ABI answer"
            : e == ENOSYS ? "the landlock_* system calls are missing: a kernel before 5.13, one built "
                            "without CONFIG_SECURITY_LANDLOCK, or a seccomp profile that refuses them"
            : e == EOPNOTSUPP ? "Landlock is built in but not enabled: add landlock to the kernel's lsm= list"
            : strerror(e));
    exit(EXIT_NO_LANDLOCK);
}

/* ------------------------------------------------------------ /proc utils */

struct pstat { int ppid, pgrp, sid; unsigned long utime, stime; long cutime, cstime; };

static int read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = 0;
    return 0;
}

static int read_pstat(pid_t pid, struct pstat *p)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (read_file(path, buf, sizeof buf)) return -1;
    char *c = strrchr(buf, ')'); /* comm may contain spaces and parentheses */
    if (!c) return -1;
    return sscanf(c + 2, "%*c %d %d %d %*d %*d %*u %*u %*u %*u %*u %lu %lu %ld %ld",
                  &p->ppid, &p->pgrp, &p->sid, &p->utime, &p->stime, &p->cutime,
                  &p->cstime) == 7 ? 0 : -1;
}

/* Live CPU time of the main process: all its threads (precise, from the
 * process CPU clock) plus the children it has waited for (clock ticks). */
static long long live_cpu_us(pid_t pid, clockid_t cid, int have_cid)
{
    long long us = 0;
    struct timespec ts;
    struct pstat p;
    int ok = read_pstat(pid, &p) == 0;
    if (have_cid && clock_gettime(cid, &ts) == 0) us = ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
    else if (ok) us = (long long)(p.utime + p.stime) * 1000000 / clk_tck; /* ticks: coarser */
    if (ok) us += (long long)(p.cutime + p.cstime) * 1000000 / clk_tck;
    return us;
}

static long long rss_kib(pid_t pid)
{
    char path[64], buf[256];
    long long size, res;
    snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    if (read_file(path, buf, sizeof buf) || sscanf(buf, "%lld %lld", &size, &res) != 2) return 0;
    return res * page_kib;
}

/* Calls fn for every process in /proc, with a running total. */
static long for_each_pid(long (*fn)(pid_t, long), long arg)
{
    DIR *d = opendir("/proc");
    long total = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9') total += fn(atoi(e->d_name), arg);
    if (d) closedir(d);
    return total;
}

/* RLIMIT_NPROC counts every task (thread) of the real uid on the machine. */
static long uid_tasks(pid_t pid, long uid)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    if (read_file(path, buf, sizeof buf)) return 0;
    char *u = strstr(buf, "\nUid:"), *t = strstr(buf, "\nThreads:");
    long ruid, threads;
    if (u && t && sscanf(u + 5, "%ld", &ruid) == 1 && sscanf(t + 9, "%ld", &threads) == 1 && ruid == uid)
        return threads;
    return 0;
}

/* Processes the group kill cannot reach (only possible with seccomp=none,
 * where setsid works): SIGKILL our direct children, and their groups unless
 * the group is in our own session (it could be the runner's group). */
static long kill_stray(pid_t pid, long unused)
{
    struct pstat p;
    (void)unused;
    if (read_pstat(pid, &p) || p.ppid != self_pid) return 0;
    kill(pid, SIGKILL);
    if (p.sid != self_sid && p.pgrp > 1 && p.pgrp != self_pgrp) kill(-p.pgrp, SIGKILL);
    return 1;
}

/* ------------------------------------------------- tasks and disk (issue 12) */

/* Threads of the main process (field 20 of /proc/<pid>/stat). In run mode it
 * is the program's only process, so this is its whole task count. */
static int over_task_cap(pid_t pid)
{
    if (H.max_tasks <= 0) return 0;
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (read_file(path, buf, sizeof buf)) return 0;
    char *c = strrchr(buf, ')');
    long threads;
    if (!c || sscanf(c + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %ld",
                     &threads) != 1) return 0;
    return threads > H.max_tasks;
}

#define DISK_MAX_ENTRIES 10000 /* more files than this in the scratch directory: over the limit */
#define DISK_MAX_DEPTH 32

static const struct test *cur_test;
static long long outputs_kib; /* stdout/stderr files of the tests already run */
static int scratch_root = -1;

/* Moves a directory to the scratch root under a fresh name; names the
 * program planted there are skipped, not replaced. */
static int move_up(int dfd, const char *name, long *counter)
{
    for (int tries = 0; tries < 1000; tries++) {
        char up[64];
        snprintf(up, sizeof up, ".kj-deep-%ld", ++*counter);
        if (renameat(dfd, name, scratch_root, up) == 0) return 0;
        if (errno != ENOTEMPTY && errno != EEXIST && errno != ENOTDIR) return -1;
    }
    return -1;
}

/* KiB used under dfd (closed here), or -1 when too many entries, too deep or
 * unreadable: all of which count as over the limit. With remove, empties it
 * instead: subtrees deeper than DISK_MAX_DEPTH are moved up to the scratch
 * root first, so no nesting can exhaust our fds. Returns -1 if entries remain. */
static long long tree_walk(int dfd, int remove, int depth, long *entries)
{
    DIR *d = fdopendir(dfd);
    if (!d) { close(dfd); return -1; }
    long long kib = 0;
    long left = 0;
    for (int again = 1; again;) {
        again = 0, left = 0;
        for (struct dirent *e; (e = readdir(d));) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            left++;
            if (!remove && ++*entries > DISK_MAX_ENTRIES) { closedir(d); return -1; }
            struct stat st;
            if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW)) continue;
            kib += st.st_blocks / 2;
            if (!S_ISDIR(st.st_mode)) {
                if (remove && unlinkat(dirfd(d), e->d_name, 0) == 0) again = 1;
                continue;
            }
            if (depth >= DISK_MAX_DEPTH) {
                if (!remove || move_up(dirfd(d), e->d_name, entries)) { closedir(d); return -1; }
                again = 1;
                continue;
            }
            if ((st.st_mode & 0700) != 0700) fchmodat(dirfd(d), e->d_name, (st.st_mode & 07777) | 0700, 0);
            int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            long long k = sub < 0 ? -1 : tree_walk(sub, remove, depth + 1, entries);
            if (k < 0) { closedir(d); return -1; }
            kib += k;
            if (remove && unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR) == 0) again = 1;
        }
        if (!remove) break;
        if (again) rewinddir(d);
    }
    closedir(d);
    return remove && left ? -1 : kib;
}

static long long scratch_walk(int remove)
{
    if (!H.scratch) return 0;
    if (scratch_root < 0) {
        scratch_root = open(H.scratch, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (scratch_root < 0) die("open scratch directory");
    }
    fchmod(scratch_root, 0755); /* ours (or the program's uid's, as root): it may have closed it */
    long entries = 0;
    int fd = openat(scratch_root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* own offset, unlike dup */
    if (fd < 0) die("open scratch directory");
    long long kib = tree_walk(fd, remove, 0, &entries);
    if (kib < 0 && remove) {
        fprintf(stderr, "kj-launcher: cannot empty the scratch directory %s\n", H.scratch);
        exit(EXIT_INTERNAL);
    }
    return kib;
}

/* Before every test: nothing of an earlier test is left for this one (and,
 * after the last, nothing for the check step). */
static void scratch_clear(void)
{
    if (H.scratch) scratch_walk(1);
}

static long long file_kib(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0 && S_ISREG(st.st_mode) ? st.st_blocks / 2 : 0;
}

static long long test_outputs_kib(const struct test *t)
{
    long long k = file_kib(t->out);
    return t->err && (!t->out || strcmp(t->out, t->err)) ? k + file_kib(t->err) : k;
}

static int over_disk_budget(void)
{
    if (H.disk_kib <= 0 || !cur_test) return 0;
    long long scratch = scratch_walk(0);
    return scratch < 0 || outputs_kib + test_outputs_kib(cur_test) + scratch > H.disk_kib;
}

/* ----------------------------------------------------------------- child */

enum { ST_SETPGID, ST_DUP2, ST_CHDIR, ST_RLIMIT, ST_SETGROUPS, ST_SETGID, ST_SETUID,
       ST_PDEATHSIG, ST_NNP, ST_LANDLOCK, ST_SECCOMP, ST_EXEC };
static const char *const step_names[] = {
    "setpgid", "dup2", "chdir", "setrlimit", "setgroups", "setgid", "setuid",
    "prctl(PR_SET_PDEATHSIG)", "prctl(PR_SET_NO_NEW_PRIVS)", "landlock_restrict_self",
    "seccomp", "execve"};
struct child_err { int step, err; };

/* The child is started with vfork: it shares our memory until execve, and we
 * stay suspended until then, so a failing step is reported right here (this
 * plays the role of the usual close-on-exec pipe, without its syscalls). */
static volatile struct child_err child_report;

static _Noreturn void child_fail(int step)
{
    child_report.err = errno;
    child_report.step = step;
    _exit(127);
}

static void close_range_fallback(unsigned lo, unsigned hi)
{
    if (lo > hi) return;
    if (syscall(__NR_close_range, lo, hi, 0) == 0) return;
    long max = sysconf(_SC_OPEN_MAX); /* old kernels: close one by one */
    for (long fd = lo; fd <= (long)hi && fd < max; fd++) close((int)fd);
}

/* Clamped to the current hard limit: an unprivileged launcher cannot raise it. */
static int set_limit(int res, rlim_t soft, rlim_t hard)
{
    struct rlimit cur;
    if (getrlimit(res, &cur) == 0 && hard > cur.rlim_max) hard = cur.rlim_max;
    if (soft > hard) soft = hard;
    struct rlimit r = {soft, hard};
    return setrlimit(res, &r);
}

static int set_rlimits(void)
{
    int e = 0;
    if (S.cpu_ms > 0) {
        rlim_t s = (rlim_t)(S.cpu_ms + 999) / 1000 + 1; /* backstop; the launcher polls */
        e |= set_limit(RLIMIT_CPU, s, s + 1);
    }
    if (S.as_limit && S.mem_kib > 0) {
        rlim_t b = (rlim_t)(S.mem_kib + S.as_extra_kib) * 1024;
        e |= set_limit(RLIMIT_AS, b, b);
    }
    if (S.stack_kib >= 0) {
        rlim_t b = S.stack_kib ? (rlim_t)S.stack_kib * 1024 : RLIM_INFINITY;
        e |= set_limit(RLIMIT_STACK, b, b);
    }
    if (S.fsize_kib > 0) e |= set_limit(RLIMIT_FSIZE, (rlim_t)S.fsize_kib * 1024, (rlim_t)S.fsize_kib * 1024);
    if (S.nofile >= 0) e |= set_limit(RLIMIT_NOFILE, (rlim_t)S.nofile, (rlim_t)S.nofile);
    if (nproc_limit != RLIM_INFINITY) e |= set_limit(RLIMIT_NPROC, nproc_limit, nproc_limit);
    e |= set_limit(RLIMIT_CORE, 0, 0);
    return e;
}

/* Runs in the vfork child. It may only touch its own stack and the shared
 * child_report/filt; signal dispositions, rlimits, credentials, fds and cwd
 * are not shared with us (no CLONE_SIGHAND/THREAD/FILES/FS). */
static _Noreturn void child(int fin, int fout, int ferr)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL); /* ignored dispositions survive execve */
    if (setpgid(0, 0)) child_fail(ST_SETPGID);
    if (dup2(fin, 0) < 0 || dup2(fout, 1) < 0 || dup2(ferr, 2) < 0) child_fail(ST_DUP2);
    /* Close every other fd but the Landlock ruleset. */
    if (ll_fd >= 0) {
        close_range_fallback(3, (unsigned)ll_fd - 1);
        close_range_fallback((unsigned)ll_fd + 1, ~0U);
    } else {
        close_range_fallback(3, ~0U);
    }
    if (S.dir && chdir(S.dir)) child_fail(ST_CHDIR);
    if (set_rlimits()) child_fail(ST_RLIMIT);
    /* Raw syscalls: glibc's wrappers would try to apply the change to every
     * thread of the process it believes it is (ours). */
    if (is_root && S.gid >= 0) {
        if (syscall(SYS_setgroups, 0, NULL)) child_fail(ST_SETGROUPS);
        if (syscall(SYS_setgid, (gid_t)S.gid)) child_fail(ST_SETGID);
    }
    if (is_root && S.uid >= 0 && syscall(SYS_setuid, (uid_t)S.uid)) child_fail(ST_SETUID);
    /* After the uid change, which clears the parent-death signal. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL)) child_fail(ST_PDEATHSIG);
    if (getppid() != self_pid) _exit(127);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) child_fail(ST_NNP);
    if (ll_fd >= 0) {
        if (syscall(__NR_landlock_restrict_self, ll_fd, 0)) child_fail(ST_LANDLOCK);
        close(ll_fd);
    }
    if (S.seccomp != SC_NONE) { /* patching our shared copy is harmless: every child does */
        for (unsigned i = 0; i < nself; i++) filt[self_slots[i]].k = (uint32_t)-getpid();
        for (unsigned i = 0; i < nmain; i++) filt[main_slots[i]].k = (uint32_t)getpid();
        struct sock_fprog prog = {(unsigned short)nfilt, filt};
        if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) child_fail(ST_SECCOMP);
    }
    int eacces = 0;
    for (size_t i = 0; i < exec_paths.n; i++) { /* like execvpe, without /bin/sh */
        execve(exec_paths.v[i], S.argv.v, S.env.v);
        if (errno == EACCES) eacces = 1;
        else if (errno != ENOENT && errno != ENOTDIR) break;
    }
    if (eacces && (errno == ENOENT || errno == ENOTDIR)) errno = EACCES;
    child_fail(ST_EXEC);
}

/* ----------------------------------------------------------------- parent */

enum { R_NONE, R_CPU, R_MEM, R_WALL, R_TERM, R_TASKS, R_DISK };

struct result {
    int status_word, reaped, stuck, reason, term_sig;
    char se[512]; /* set when the launcher failed to start the program */
    long long cpu_us, wall_ns, peak_kib;
    struct rusage ru;
};

/* One poll of the limits a running program can exceed (the task cap, the disk budget, CPU time,
 * and resident memory when no address-space limit is set), for the ordinary and the interactive
 * wait alike: the reason to stop, or R_NONE. Records the resident peak on the way. */
static int limit_exceeded(pid_t pid, clockid_t cid, int have_cid, struct result *r)
{
    if (over_task_cap(pid)) return R_TASKS;
    if (over_disk_budget()) return R_DISK;
    if (S.cpu_ms > 0 && live_cpu_us(pid, cid, have_cid) > S.cpu_ms * 1000) return R_CPU;
    if (!S.as_limit && S.mem_kib > 0) {
        long long rss = rss_kib(pid);
        if (rss > r->peak_kib) r->peak_kib = rss;
        if (rss > S.mem_kib) return R_MEM;
    }
    return R_NONE;
}

/* Whether limit_exceeded() has anything to poll: derived from the same settings, so a limit it
 * checks is never left unpolled (a spec with a task cap or a disk budget but no CPU limit). */
static int limits_polled(void)
{
    return H.max_tasks > 0 || H.disk_kib > 0 || S.cpu_ms > 0 || (!S.as_limit && S.mem_kib > 0);
}

/* A reaped process's CPU time and peak memory, into the test's: the main
 * process's and every orphan's alike. */
static void add_usage(struct result *r, const struct rusage *ru)
{
    r->cpu_us += ru->ru_utime.tv_sec * 1000000LL + ru->ru_utime.tv_usec +
                 ru->ru_stime.tv_sec * 1000000LL + ru->ru_stime.tv_usec;
    if (ru->ru_maxrss > r->peak_kib) r->peak_kib = ru->ru_maxrss;
}

/* Waits for the main process without reaping it (so its pid, which is also
 * the program's pgid, cannot be reused before we kill the group), reaping
 * orphans meanwhile, and enforcing the limits. */
static void monitor(pid_t pid, long long t0, struct result *r)
{
    int need_poll = limits_polled();
    long long interval = 1 * MS, next = need_poll ? t0 + interval : LLONG_MAX;
    long long deadline = S.wall_ms > 0 ? t0 + S.wall_ms * MS : LLONG_MAX;
    clockid_t cid;
    int have_cid = clock_getcpuclockid(pid, &cid) == 0;
    for (;;) {
        for (;;) {
            siginfo_t si;
            si.si_pid = 0;
            if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT | __WALL) < 0) die("waitid");
            if (si.si_pid == 0) break;
            if (si.si_pid == pid) { r->wall_ns = now_ns() - t0; return; }
            struct rusage ru;
            if (wait4(si.si_pid, NULL, __WALL, &ru) > 0) add_usage(r, &ru);
        }
        long long now = now_ns();
        if (now >= deadline) { r->reason = R_WALL; return; }
        if (now >= next) {
            if ((r->reason = limit_exceeded(pid, cid, have_cid, r)) != R_NONE) return;
            interval = interval * 2 > 10 * MS ? 10 * MS : interval * 2;
            next = now + interval;
        }
        long long wait = (next < deadline ? next : deadline) - now;
        struct timespec ts = {wait / 1000000000LL, wait % 1000000000LL};
        int sig = sigtimedwait(&wait_set, NULL, &ts);
        if (sig > 0 && sig != SIGCHLD) { r->term_sig = sig; r->reason = R_TERM; return; }
    }
}

/* After kill(-pgid): reap everything until no child is left. */
static void reap_all(pid_t pid, struct result *r)
{
    long long deadline = now_ns() + 5000 * MS;
    for (int round = 0;; round++) {
        struct rusage ru;
        int st;
        pid_t p;
        while ((p = wait4(-1, &st, WNOHANG | __WALL, &ru)) > 0) {
            if (p == pid) { r->status_word = st; r->ru = ru; r->reaped = 1; }
            else add_usage(r, &ru);
        }
        if (p < 0 && errno == ECHILD) return;
        if (p < 0) die("wait4");
        if (round > 0) for_each_pid(kill_stray, 0); /* give the group kill one round first */
        if (now_ns() > deadline) { r->stuck = 1; return; }
        struct timespec ts = {0, 1 * MS};
        sigtimedwait(&chld_set, NULL, &ts);
    }
}

/* A function of its own, so no local of the caller lives across vfork. */
static pid_t spawn(int fin, int fout, int ferr)
{
    pid_t pid = vfork();
    if (pid == 0) child(fin, fout, ferr);
    return pid;
}

/* ------------------------------------------------------------ test files */

/* A test's own files: stdin, stdout and stderr, or with an interactor the
 * program's and the interactor's stderr. They are opened before the uid drop,
 * so the program writes through inherited fds; O_NOFOLLOW so a planted symlink
 * cannot redirect a root launcher's truncation. Creating a file can cost as
 * much as a whole program start (ext4 without a journal skips every inode
 * deleted in the last minutes, one inode-table lookup each), so each test's
 * files are opened while the test before it runs, when the launcher would only
 * wait: on two cores that cost is then hidden. */
struct files { size_t test; int in, out, err, ierr; char se[512]; };
static struct files ahead = {.test = SIZE_MAX, .in = -1, .out = -1, .err = -1, .ierr = -1};

/* A finished test's empty stderr file, still open. The next test to need a
 * stderr file takes it over by renaming it (never onto an existing path)
 * instead of creating one: most programs write nothing there, so a batch
 * creates one file per test, its stdout, not two. */
static struct { int fd; const char *path; } spare = {-1, NULL};

/* A test's stderr= path, NULL for /dev/null. */
static int open_stderr(const char *path, int flags)
{
    if (path && spare.fd >= 0 && renameat2(AT_FDCWD, spare.path, AT_FDCWD, path, RENAME_NOREPLACE) == 0) {
        int fd = spare.fd;
        spare.fd = -1;
        return fd;
    }
    return open(path ? path : "/dev/null", flags, 0644);
}

static int same_path(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

/* After test t: its stderr file becomes the spare if the program left it empty
 * and every process that could still write to it is gone (not r->stuck). */
static void keep_if_empty(const struct test *t, int fd, const struct result *r)
{
    struct stat st;
    if (fd < 0) return;
    if (spare.fd < 0 && !r->stuck && t->err && !same_path(t->err, t->out) && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
        && st.st_size == 0 && st.st_blocks == 0) {
        spare.fd = fd;
        spare.path = t->err;
        return;
    }
    close(fd);
}

static void open_files(size_t idx, struct files *f)
{
    const struct test *t = &S.tests[idx];
    const char *in = t->in ? t->in : "/dev/null", *out = t->out ? t->out : "/dev/null";
    const char *err = t->err ? t->err : "/dev/null", *what = NULL, *path = "";
    int fo = O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC;
    *f = (struct files){.test = idx, .in = -1, .out = -1, .err = -1, .ierr = -1};
    if (IA.argv.n) { /* the program's stdin and stdout are the interactor's pipes */
        const char *ierr = idx < IA.cap && IA.tests[idx].err ? IA.tests[idx].err : "/dev/null";
        if ((f->err = open_stderr(t->err, fo)) < 0) what = "open stderr ", path = err;
        else if ((f->ierr = open(ierr, fo, 0644)) < 0) what = "open interactor stderr ", path = ierr;
    } else if ((f->in = open(in, O_RDONLY | O_CLOEXEC)) < 0) {
        what = "open stdin ", path = in;
    } else if ((f->out = open(out, fo, 0644)) < 0) {
        what = "open stdout ", path = out;
    } else if ((f->err = !strcmp(out, err) ? f->out : open_stderr(t->err, fo)) < 0) {
        what = "open stderr ", path = err;
    }
    if (what) snprintf(f->se, sizeof f->se, "%s%s: %s", what, path, strerror(errno));
}

static void close_files(struct files *f)
{
    if (f->err >= 0 && f->err != f->out) close(f->err);
    int *fds[] = {&f->in, &f->out, &f->ierr};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (*fds[i] >= 0) close(*fds[i]);
    f->in = f->out = f->err = f->ierr = -1;
}

/* The files of test idx: opened ahead, or now. */
static void take_files(size_t idx, struct files *f)
{
    if (ahead.test == idx) *f = ahead;
    else open_files(idx, f);
    ahead.test = SIZE_MAX;
}

/* Called once test idx's program runs. Not when the next test writes to a path
 * this one writes to: truncating it now would cut this test's output. */
static void open_ahead(size_t idx)
{
    if (idx + 1 >= S.ntests) return;
    const struct test *t = &S.tests[idx], *n = &S.tests[idx + 1];
    const char *ierr = idx < IA.cap ? IA.tests[idx].err : NULL;
    const char *nierr = idx + 1 < IA.cap ? IA.tests[idx + 1].err : NULL;
    const char *mine[] = {t->out, t->err, ierr}, *next[] = {n->out, n->err, nierr};
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < 3; j++)
            if (same_path(mine[i], next[j])) return;
    open_files(idx + 1, &ahead);
}

/* Removes path if it is still the regular file fd was opened on: never a
 * device such as /dev/null, nor something put in its place since. */
static void remove_created(const char *path, int fd)
{
    struct stat a, b;
    if (path && fd >= 0 && fstat(fd, &a) == 0 && S_ISREG(a.st_mode) && lstat(path, &b) == 0
        && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        unlink(path);
}

/* The batch ends before the test whose files were opened ahead: they go. */
static void discard_ahead(void)
{
    if (ahead.test == SIZE_MAX) return;
    const struct test *t = &S.tests[ahead.test];
    remove_created(t->out, ahead.out);
    if (ahead.err != ahead.out) remove_created(t->err, ahead.err);
    if (ahead.test < IA.cap) remove_created(IA.tests[ahead.test].err, ahead.ierr);
    close_files(&ahead);
    ahead.test = SIZE_MAX;
}

/* ------------------------------------------------------------ interactive */

static struct ia_result { int status, reaped, first, killed, mem_over; long long cpu_us, peak_kib; } IR;
static volatile struct child_err ia_child_report;

static _Noreturn void ia_fail(int step)
{
    ia_child_report.err = errno;
    ia_child_report.step = step;
    _exit(127);
}

/* The vfork child of the interactor: trusted, so no sandbox; only its own
 * process group (killed at the end) and the parent-death signal. */
static _Noreturn void ia_child(char **argv, int fin, int fout, int ferr)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    if (setpgid(0, 0)) ia_fail(ST_SETPGID);
    if (dup2(fin, 0) < 0 || dup2(fout, 1) < 0 || dup2(ferr, 2) < 0) ia_fail(ST_DUP2);
    close_range_fallback(3, ~0U);
    if (IA.dir && chdir(IA.dir)) ia_fail(ST_CHDIR);
    if (set_limit(RLIMIT_CORE, 0, 0)) ia_fail(ST_RLIMIT);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL)) ia_fail(ST_PDEATHSIG);
    if (getppid() != self_pid) _exit(127);
    execve(IA.exe, argv, environ);
    ia_fail(ST_EXEC);
}

static pid_t ia_spawn(char **argv, int fin, int fout, int ferr)
{
    pid_t pid = vfork();
    if (pid == 0) ia_child(argv, fin, fout, ferr);
    return pid;
}

/* argv[0] as execvp would find it, once. */
static int ia_resolve(void)
{
    if (IA.exe) return 1;
    const char *a0 = IA.argv.v[0];
    if (strchr(a0, '/')) return (IA.exe = (char *)a0) != NULL;
    const char *path = getenv("PATH");
    if (!path || !*path) path = "/usr/local/bin:/usr/bin:/bin";
    for (const char *p = path;; p++) {
        const char *e = strchrnul(p, ':');
        char *full;
        if (asprintf(&full, "%.*s%s%s", (int)(e - p), p, e == p ? "" : "/", a0) < 0) die("asprintf");
        if (access(full, X_OK) == 0) return (IA.exe = full) != NULL;
        free(full);
        if (!*(p = e)) break;
    }
    errno = ENOENT;
    return 0;
}

static void ia_close(int *fd)
{
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

/* Reaps the interactor. Like problemtools, the launcher keeps its own copies
 * of the pipe ends so that neither side sees EOF or SIGPIPE before the other
 * has been reaped: which one ended first is then not a race. The interactor's
 * output end goes now; the program's output end only when the interactor
 * ended first without accepting (a program still writing after an accepting
 * interactor gets no SIGPIPE). */
static void ia_reap(pid_t ipid, int first, int *to_prog, int *to_ia)
{
    struct rusage ru;
    int st;
    if (wait4(ipid, &st, __WALL, &ru) != ipid) die("wait4 interactor");
    IR.status = st;
    IR.reaped = 1;
    IR.first = first;
    IR.cpu_us = ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec;
    if (ru.ru_maxrss > IR.peak_kib) IR.peak_kib = ru.ru_maxrss;
    if (IA.mem_kib > 0 && IR.peak_kib > IA.mem_kib) IR.mem_over = 1; /* a peak between two polls */
    kill(-ipid, SIGKILL); /* helpers it left behind */
    ia_close(&to_prog[1]);
    if (first && !(WIFEXITED(st) && WEXITSTATUS(st) == IA.ok)) ia_close(&to_ia[0]);
}

/* The interactor's memory limit, polled like the program's resident memory
 * (its language is the problem's choice, so no address-space limit). Over it,
 * it is killed: the program then sees its stdin end, as when an interactor
 * crashes, and the verdict is the judge's failure, not the program's. */
static void ia_poll_memory(pid_t ipid)
{
    if (IA.mem_kib <= 0 || IR.reaped || IR.mem_over) return;
    long long rss = rss_kib(ipid);
    if (rss > IR.peak_kib) IR.peak_kib = rss;
    if (rss > IA.mem_kib) {
        IR.mem_over = 1;
        kill(-ipid, SIGKILL);
    }
}

/* monitor() for a program with an interactor: the same limits on the program
 * alone (the interactor's CPU time is not the program's), the interactor's
 * memory limit, and the wall limit for the pair. Returns when both have ended
 * or a limit was hit. */
static void ia_monitor(pid_t pid, pid_t ipid, long long t0, struct result *r, int *to_prog, int *to_ia)
{
    int need_poll = limits_polled() || IA.mem_kib > 0, prog_done = 0;
    long long interval = 1 * MS, next = need_poll ? t0 + interval : LLONG_MAX;
    long long deadline = S.wall_ms > 0 ? t0 + S.wall_ms * MS : LLONG_MAX;
    clockid_t cid;
    int have_cid = clock_getcpuclockid(pid, &cid) == 0;
    for (;;) {
        for (;;) {
            siginfo_t si;
            si.si_pid = 0;
            /* Once the program has ended its zombie would come back on every
             * P_ALL query: then only the interactor is watched (the program's
             * leftovers are reaped by reap_all). */
            if (waitid(prog_done ? P_PID : P_ALL, prog_done ? (id_t)ipid : 0, &si,
                       WEXITED | WNOHANG | WNOWAIT | __WALL) < 0) {
                if (errno == ECHILD) break;
                die("waitid");
            }
            if (si.si_pid == 0) break;
            if (si.si_pid == ipid) {
                ia_reap(ipid, !prog_done, to_prog, to_ia);
            } else if (si.si_pid == pid) {
                prog_done = 1;
                r->wall_ns = now_ns() - t0;
                ia_close(&to_ia[1]);
                kill(-pid, SIGKILL); /* its background children would hold the pipes open */
            } else {
                struct rusage ru;
                if (wait4(si.si_pid, NULL, __WALL, &ru) > 0) add_usage(r, &ru);
            }
        }
        if (prog_done && IR.reaped) return;
        long long now = now_ns();
        if (now >= deadline) {
            if (!prog_done) r->reason = R_WALL;
            return;
        }
        if (now >= next) {
            if (!prog_done && (r->reason = limit_exceeded(pid, cid, have_cid, r)) != R_NONE) return;
            ia_poll_memory(ipid);
            interval = interval * 2 > 10 * MS ? 10 * MS : interval * 2;
            next = now + interval;
        }
        long long wait = (next < deadline ? next : deadline) - now;
        struct timespec ts = {wait / 1000000000LL, wait % 1000000000LL};
        int sig = sigtimedwait(&wait_set, NULL, &ts);
        if (sig > 0 && sig != SIGCHLD) { r->term_sig = sig; r->reason = R_TERM; return; }
    }
}

/* run_test() for an interactive problem. */
static void run_interactive(size_t idx, struct result *r)
{
    struct ia_test none = {{0}, NULL}, *it = idx < IA.cap ? &IA.tests[idx] : &none;
    struct files f;
    take_files(idx, &f);
    int ferr = f.err, fierr = f.ierr;
    int to_prog[2] = {-1, -1}, to_ia[2] = {-1, -1};
    const char *what = NULL, *path = "";
    pid_t pid = -1, ipid = -1;
    memset(&IR, 0, sizeof IR);
    IR.status = -1;
    struct strv argv = {0};
    for (size_t i = 0; i < IA.argv.n; i++) strv_push(&argv, IA.argv.v[i]);
    for (size_t i = 0; i < it->args.n; i++) strv_push(&argv, it->args.v[i]);
    if (!ia_resolve()) what = "interactor ", path = IA.argv.v[0];
    else if (pipe2(to_prog, O_CLOEXEC) || pipe2(to_ia, O_CLOEXEC)) what = "pipe";
    else if (f.se[0]) strcpy(r->se, f.se);
    if (!what && !r->se[0]) {
        ia_child_report.step = -1;
        ipid = ia_spawn(argv.v, to_ia[0], to_prog[1], fierr);
        if (ipid < 0) what = "vfork";
    }
    if (what) snprintf(r->se, sizeof r->se, "%s%s: %s", what, path, strerror(errno));
    else if (ia_child_report.step >= 0)
        snprintf(r->se, sizeof r->se, "interactor %s%s%s: %s", step_names[ia_child_report.step],
                 ia_child_report.step == ST_EXEC ? " " : "", ia_child_report.step == ST_EXEC ? IA.exe : "",
                 strerror(ia_child_report.err));
    long long t0 = now_ns();
    if (!r->se[0]) {
        child_report.step = -1;
        pid = spawn(to_prog[0], to_ia[1], ferr);
        if (pid < 0) snprintf(r->se, sizeof r->se, "vfork: %s", strerror(errno));
        else if (child_report.step >= 0)
            snprintf(r->se, sizeof r->se, "%s%s%s: %s", step_names[child_report.step],
                     child_report.step == ST_EXEC ? " " : "", child_report.step == ST_EXEC ? S.argv.v[0] : "",
                     strerror(child_report.err));
        else {
            open_ahead(idx);
            ia_monitor(pid, ipid, t0, r, to_prog, to_ia);
        }
    }
    if (!r->wall_ns) r->wall_ns = now_ns() - t0;
    if (pid > 0) kill(-pid, SIGKILL);
    if (ipid > 0 && !IR.reaped) {
        IR.killed = ia_child_report.step < 0 && !r->se[0];
        kill(-ipid, SIGKILL);
        ia_reap(ipid, 0, to_prog, to_ia);
    }
    int *fds[] = {&to_prog[0], &to_prog[1], &to_ia[0], &to_ia[1], &fierr};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++) ia_close(fds[i]);
    free(argv.v);
    if (pid < 0) { ia_close(&ferr); return; }
    reap_all(pid, r);
    keep_if_empty(&S.tests[idx], ferr, r);
    add_usage(r, &r->ru);
}

static void ia_report_fields(void)
{
    if (!IA.argv.n) return;
    int st = IR.status, ran = IR.reaped && st != -1;
    char code[16] = "null", sig[16] = "null";
    if (ran && WIFEXITED(st)) snprintf(code, sizeof code, "%d", WEXITSTATUS(st));
    if (ran && WIFSIGNALED(st)) snprintf(sig, sizeof sig, "%d", WTERMSIG(st));
    printf(",\"interactor\":{\"exitCode\":%s,\"signal\":%s,\"cpuMs\":%lld,\"first\":%s,\"killed\":%s,"
           "\"memoryKiB\":%lld,\"memoryExceeded\":%s}",
           code, sig, IR.cpu_us / 1000, IR.first ? "true" : "false", IR.killed ? "true" : "false",
           IR.peak_kib, IR.mem_over ? "true" : "false");
}

/* Whether the interactor's end lets the test pass (as far as an exit code can
 * tell: the runner still reads its verdict, and may fail the test after all). */
static int ia_may_pass(void)
{
    int st = IR.status;
    if (!IR.reaped || st == -1 || IR.mem_over || !WIFEXITED(st)) return 0;
    return IA.npass ? IA.pass[WEXITSTATUS(st)] : WEXITSTATUS(st) == IA.ok;
}

static void run_test(size_t idx, struct result *r)
{
    if (IA.argv.n) { run_interactive(idx, r); return; }
    struct files f;
    take_files(idx, &f);
    pid_t pid = -1;
    long long t0 = now_ns();
    child_report.step = -1;
    if (f.se[0]) strcpy(r->se, f.se);
    else if ((pid = spawn(f.in, f.out, f.err)) < 0) snprintf(r->se, sizeof r->se, "vfork: %s", strerror(errno));
    int ferr = -1; /* stays open until the test has ended: it may become the spare */
    if (f.err != f.out) ferr = f.err, f.err = -1;
    close_files(&f);
    if (pid < 0) { if (ferr >= 0) close(ferr); return; }
    if (child_report.step >= 0) { /* a setup step or execve failed */
        int st = child_report.step, e = child_report.err;
        snprintf(r->se, sizeof r->se, "%s%s%s: %s%s", step_names[st], st == ST_EXEC ? " " : "",
                 st == ST_EXEC ? S.argv.v[0] : "", strerror(e),
                 /* the kernel counts the uid's tasks machine-wide, /proc shows our namespace only */
                 e == EAGAIN && nproc_limit != RLIM_INFINITY ? " (RLIMIT_NPROC: the uid has more tasks "
                 "machine-wide than were counted in /proc)" : "");
    } else {
        open_ahead(idx);
        monitor(pid, t0, r);
    }
    if (!r->wall_ns) r->wall_ns = now_ns() - t0; /* a limit was hit: the time of the kill */
    kill(-pid, SIGKILL); /* the whole group: background children, fork bombs */
    reap_all(pid, r);
    keep_if_empty(&S.tests[idx], ferr, r);
    add_usage(r, &r->ru);
}

/* ----------------------------------------------------------------- output */

static const char *const sig_names[] = {
    NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
        else if (*p == '\n') fputs("\\n", f);
        else if (*p == '\t') fputs("\\t", f);
        else if (*p == '\r') fputs("\\r", f);
        else if (*p < 0x20 || *p == 0x7f) fprintf(f, "\\u%04x", *p);
        else fputc(*p, f);
    }
    fputc('"', f);
}

static void report(const struct test *t, struct result *r)
{
    char msg[512] = "", code[16] = "null", sig[16] = "null";
    const char *status;
    int st = r->status_word, killed = r->reaped && WIFSIGNALED(st);
    int termsig = killed ? WTERMSIG(st) : 0;
    long long cpu_ms = r->cpu_us / 1000; /* truncated, and compared the same way */
    if (r->reaped && WIFEXITED(st)) snprintf(code, sizeof code, "%d", WEXITSTATUS(st));
    if (killed) snprintf(sig, sizeof sig, "%d", termsig);
    if (r->se[0]) {
        status = "SE", strcpy(msg, r->se);
    } else if (r->stuck) {
        status = "SE", strcpy(msg, "processes of the program could not be killed");
    } else if (r->reason == R_TERM) {
        status = "SE", snprintf(msg, sizeof msg, "launcher terminated by %s", sig_names[r->term_sig]);
    } else if (r->reason == R_TASKS) {
        status = "RE", snprintf(msg, sizeof msg, "task limit exceeded (more than %lld threads)", H.max_tasks);
    } else if (r->reason == R_DISK) {
        status = "OLE", snprintf(msg, sizeof msg, "disk limit exceeded (outputs and scratch directory over %lld KiB)",
                                 H.disk_kib);
    } else if (r->reason == R_CPU || termsig == SIGXCPU || (S.cpu_ms > 0 && cpu_ms > S.cpu_ms)) {
        status = "TLE", strcpy(msg, "CPU time limit exceeded");
    } else if (r->reason == R_MEM || (S.mem_kib > 0 && r->peak_kib > S.mem_kib)) {
        status = "MLE", strcpy(msg, "memory limit exceeded");
    } else if (r->reason == R_WALL) {
        status = "TLE", strcpy(msg, "wall-clock limit exceeded");
    } else if (termsig == SIGXFSZ) {
        status = "OLE", strcpy(msg, "output limit exceeded (SIGXFSZ)");
    } else if (killed) {
        status = "RE";
        snprintf(msg, sizeof msg, "%s", termsig < 32 ? sig_names[termsig] : "real-time signal");
    } else if (WEXITSTATUS(st) != 0) {
        status = "RE", snprintf(msg, sizeof msg, "exit code %d", WEXITSTATUS(st));
    } else {
        status = "OK";
    }
    if (status[0] == 'S') strcpy(code, "null"), strcpy(sig, "null"); /* SE */
    int near = !strcmp(status, "RE") && S.as_limit && S.mem_kib > 0 &&
               r->peak_kib * 10 >= S.mem_kib * 9;
    fputs("{\"test\":", stdout);
    json_str(stdout, t->name);
    printf(",\"status\":\"%s\",\"exitCode\":%s,\"signal\":%s,\"cpuMs\":%lld,\"wallMs\":%lld,"
           "\"memoryKiB\":%lld,\"landlock\":%s%s,\"message\":",
           status, code, sig, cpu_ms, r->wall_ns / MS, r->peak_kib, ll_fd >= 0 ? "true" : "false",
           near ? ",\"nearMemoryLimit\":true" : "");
    json_str(stdout, msg);
    ia_report_fields();
    fputs("}\n", stdout);
    if (fflush(stdout) || ferror(stdout)) die("writing results");
}

/* The test's outputs and scratch use, against what is left of disk_kib. */
static void disk_after_test(const struct test *t, struct result *r)
{
    if (H.disk_kib > 0 && !r->se[0] && r->reason == R_NONE && over_disk_budget()) r->reason = R_DISK;
    outputs_kib += test_outputs_kib(t);
}

/* Whether the test's status (as report() prints it) is anything but OK. */
static int test_failed(const struct result *r)
{
    int st = r->status_word;
    if (r->se[0] || r->stuck || r->reason != R_NONE) return 1;
    if (r->reaped && WIFSIGNALED(st)) return 1;
    if (WEXITSTATUS(st) != 0) return 1;
    if (S.cpu_ms > 0 && r->cpu_us / 1000 > S.cpu_ms) return 1;
    return S.mem_kib > 0 && r->peak_kib > S.mem_kib;
}

/* With stop_on_failure=1 the batch ends at its first failing test: a problem
 * judged "until the first failure" then needs one launcher start, not one per test.
 * With an interactor its verdict counts too, as far as its exit code tells. */
static int batch_stops_after(const struct result *r)
{
    return S.stop_on_failure == 1 && (test_failed(r) || (IA.argv.n && !ia_may_pass()));
}

/* ------------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: kj-launcher <spec-file>\n");
        return EXIT_SPEC;
    }
    /* fds 0-2 must be taken, or a test file could land there and lose its
     * close-on-exec flag through dup2 onto itself. */
    for (int fd = open("/dev/null", O_RDWR); fd >= 0 && fd <= 2; fd = open("/dev/null", O_RDWR)) {}
    signal(SIGPIPE, SIG_IGN);
    parse_spec(argv[1]);

    self_pid = getpid();
    runner_pid = getppid(); /* 0 when the parent is outside our pid namespace */
    self_pgrp = getpgrp();
    self_sid = getsid(0);
    is_root = geteuid() == 0;
    clk_tck = sysconf(_SC_CLK_TCK);
    page_kib = sysconf(_SC_PAGESIZE) / 1024;
    /* Orphaned grandchildren come back to us, so nothing escapes the cleanup. */
    if (prctl(PR_SET_CHILD_SUBREAPER, 1)) die("prctl(PR_SET_CHILD_SUBREAPER)");
    /* Not dumpable: a program under the same uid cannot reach us via /proc. */
    prctl(PR_SET_DUMPABLE, 0);
    /* SIGCHLD and termination requests are taken with sigtimedwait. */
    sigemptyset(&chld_set);
    sigaddset(&chld_set, SIGCHLD);
    wait_set = chld_set;
    sigaddset(&wait_set, SIGTERM);
    sigaddset(&wait_set, SIGINT);
    sigaddset(&wait_set, SIGHUP);
    sigprocmask(SIG_BLOCK, &wait_set, NULL);

    if (S.seccomp != SC_NONE) build_filter(S.seccomp);
    ll_build();
    ll_require();
    if (S.nproc >= 0) {
        uid_t uid = is_root && S.uid >= 0 ? (uid_t)S.uid : getuid();
        nproc_limit = (rlim_t)for_each_pid(uid_tasks, (long)uid) + (rlim_t)S.nproc;
    }
    const char *a0 = S.argv.v[0];
    if (strchr(a0, '/')) {
        strv_push(&exec_paths, (char *)a0);
    } else {
        const char *path = "/usr/local/bin:/usr/bin:/bin";
        for (size_t i = 0; i < S.env.n; i++)
            if (!strncmp(S.env.v[i], "PATH=", 5)) path = S.env.v[i] + 5;
        for (const char *p = path;; p++) {
            const char *e = strchrnul(p, ':');
            char *full;
            if (asprintf(&full, "%.*s%s%s", (int)(e - p), p, e == p ? "" : "/", a0) < 0) die("asprintf");
            strv_push(&exec_paths, full);
            if (!*(p = e)) break;
        }
    }

    for (size_t i = 0; i < S.ntests; i++) {
        struct result r = {0};
        cur_test = &S.tests[i];
        scratch_clear();
        run_test(i, &r);
        disk_after_test(&S.tests[i], &r);
        report(&S.tests[i], &r);
        if (r.stuck || r.reason == R_TERM) { discard_ahead(); return EXIT_INTERNAL; }
        if (batch_stops_after(&r)) { discard_ahead(); break; }
    }
    scratch_clear();
    return 0;
}
