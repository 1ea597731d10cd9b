/* spawnbench <n> <program>: posix_spawn + waitpid n times; prints the mean
 * and median per spawn in microseconds. The launcher's baseline. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
extern char **environ;
static int cmp(const void *a, const void *b) { long long x = *(const long long *)a, y = *(const long long *)b; return (x > y) - (x < y); }
int main(int argc, char **argv)
{
    int n = argc > 2 ? atoi(argv[1]) : 0;
    if (n <= 0) return 2;
    long long *t = malloc(n * sizeof *t), total = 0;
    char *args[] = {argv[2], NULL};
    for (int i = 0; i < n; i++) {
        struct timespec a, b;
        pid_t pid;
        int st;
        clock_gettime(CLOCK_MONOTONIC, &a);
        if (posix_spawn(&pid, argv[2], NULL, NULL, args, environ) || waitpid(pid, &st, 0) != pid) return 1;
        clock_gettime(CLOCK_MONOTONIC, &b);
        t[i] = (b.tv_sec - a.tv_sec) * 1000000000LL + b.tv_nsec - a.tv_nsec;
        total += t[i];
    }
    qsort(t, n, sizeof *t, cmp);
    printf("mean_us=%.1f median_us=%.1f\n", total / 1000.0 / n, t[n / 2] / 1000.0);
    return 0;
}
