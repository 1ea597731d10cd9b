/* Leaves a daemon behind: the child tries setsid(), forks a grandchild that
 * sleeps forever and prints its pid, and exits; the main process exits 0. */
#include <stdio.h>
#include <unistd.h>
int main(void)
{
    if (fork() == 0) {
        int rc = setsid();
        pid_t g = fork();
        if (g == 0) { for (;;) pause(); }
        printf("setsid=%d grandchild=%d\n", rc, (int)g);
        fflush(stdout);
        _exit(0);
    }
    usleep(50000);
    return 0;
}
