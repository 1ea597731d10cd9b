/* Namespace, mount, ptrace, process-group and personality escapes must fail
 * while threads keep working and (run mode) fork is refused. Exit code: bit mask of failed checks. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#define CHECK(bit, cond) do { if (!(cond)) { bad |= 1 << (bit); printf("check %d failed (errno %d)\n", bit, errno); } } while (0)
static void *thread(void *arg) { return arg; }
int main(void)
{
    int bad = 0;
    pthread_t t;
    pid_t p;
    CHECK(0, unshare(CLONE_NEWUSER) < 0 && errno == EPERM);
    CHECK(1, syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0) < 0 && errno == EPERM);
    CHECK(2, syscall(SYS_clone3, NULL, 0) < 0 && errno == ENOSYS);
    CHECK(3, ptrace(PTRACE_TRACEME, 0, 0, 0) < 0 && errno == EPERM);
    CHECK(4, mount("none", "/tmp", "tmpfs", 0, NULL) < 0 && errno == EPERM);
    CHECK(5, setpgid(0, 0) < 0 && errno == EPERM);
    CHECK(6, setsid() < 0 && errno == EPERM);
    CHECK(7, personality(0xffffffff) < 0 && errno == EPERM);
    CHECK(8, personality(ADDR_NO_RANDOMIZE) < 0 && errno == EPERM);
    CHECK(9, pthread_create(&t, NULL, thread, NULL) == 0 && pthread_join(t, NULL) == 0);
    CHECK(10, (p = fork()) < 0 && errno == EPERM);
    if (p == 0) _exit(7);
    CHECK(11, syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0) < 0 && errno == EPERM);
    CHECK(12, syscall(SYS_pidfd_open, getpid(), 0) < 0 && errno == EPERM);
    CHECK(13, chroot("/") < 0 && errno == EPERM);
    return bad;
}
