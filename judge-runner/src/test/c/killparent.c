#define _GNU_SOURCE
/* Attacks on the launcher (our parent) and checks that signalling ourselves
 * still works. Exit code: bit mask of failed checks (0 = all as expected). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#define CHECK(bit, cond) do { if (!(cond)) { bad |= 1 << (bit); printf("check %d failed\n", bit); } } while (0)
int main(void)
{
    int bad = 0, fds[2];
    pid_t parent = getppid(), child;
    struct rlimit rl = {1, 1};
    CHECK(0, kill(parent, SIGKILL) < 0 && errno == EPERM);
    CHECK(1, kill(parent, 0) < 0 && errno == EPERM);
    CHECK(2, prlimit(parent, RLIMIT_CPU, &rl, NULL) < 0 && errno == EPERM);
    CHECK(3, pipe(fds) == 0 && fcntl(fds[0], F_SETOWN, parent) < 0 && errno == EPERM);
    CHECK(4, fcntl(fds[0], F_SETOWN, getpid()) == 0);
    CHECK(5, kill(0, 0) == 0 && kill(getpid(), 0) == 0 && kill(-getpgrp(), 0) == 0);
    CHECK(6, (child = fork()) < 0 && errno == EPERM); /* run mode: no children */
    if (child == 0) _exit(0);
    CHECK(7, kill(-parent, SIGKILL) < 0 && errno == EPERM);
    CHECK(8, prlimit(0, RLIMIT_CPU, NULL, &rl) == 0);
    /* any pid but our own is refused, whoever owns it (in the pod: the runner's threads) */
    CHECK(9, kill(1, 0) < 0 && errno == EPERM && prlimit(1, RLIMIT_NOFILE, NULL, &rl) < 0 && errno == EPERM);
    CHECK(10, setpriority(PRIO_PROCESS, (id_t)parent + 1, 5) < 0 && errno == EPERM);
    return bad;
}
