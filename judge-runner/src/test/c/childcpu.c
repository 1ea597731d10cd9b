/* Mode "wait": a child burns 300 ms and is waited for, then the parent burns
 * 200 ms (expect ~500 ms). Mode "orphan": a grandchild orphaned to the
 * launcher burns 200 ms while the main process waits for it (expect ~200). */
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static void burn_ms(long ms)
{
    struct timespec ts;
    volatile unsigned long x = 0;
    do {
        for (int i = 0; i < 100000; i++) x += i;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    } while (ts.tv_sec * 1000L + ts.tv_nsec / 1000000 < ms);
}
int main(int argc, char **argv)
{
    int fds[2];
    char c;
    if (pipe(fds)) return 1;
    pid_t p = fork();
    if (argc > 1 && !strcmp(argv[1], "orphan")) {
        if (p == 0) {
            if (fork() == 0) { burn_ms(200); _exit(0); }
            _exit(0);
        }
        waitpid(p, NULL, 0);
        close(fds[1]);
        while (read(fds[0], &c, 1) > 0) {} /* EOF once the grandchild has exited */
        return 0;
    }
    if (p == 0) { burn_ms(300); _exit(0); }
    waitpid(p, NULL, 0);
    burn_ms(200);
    return 0;
}
