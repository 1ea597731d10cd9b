/* spawn-baseline <n> <program> <stdin-file> [<output-dir>]: runs the program n times, bare
 * (posix_spawn, stdin from the file, stdout to /dev/null, waitpid), and prints the median and
 * mean time per run in microseconds: what a test costs without any sandbox. With an output
 * directory each run's stdout and stderr go to new files there (<i>.out, <i>.err), as a judge
 * must keep every test's output: creating two files per test is part of what a test costs. */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int cmp(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int n = argc == 4 || argc == 5 ? atoi(argv[1]) : 0;
    if (n <= 0) {
        fprintf(stderr, "usage: spawn-baseline <n> <program> <stdin-file> [<output-dir>]\n");
        return 2;
    }
    long long *t = malloc(sizeof *t * (size_t)n), total = 0;
    char *args[] = {argv[2], NULL};
    for (int i = 0; i < n; i++) {
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, argv[3], O_RDONLY, 0);
        char out[4096], err[4096];
        if (argc == 5) {
            snprintf(out, sizeof out, "%s/%d.out", argv[4], i);
            snprintf(err, sizeof err, "%s/%d.err", argv[4], i);
        } else {
            snprintf(out, sizeof out, "/dev/null");
        }
        posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (argc == 5) posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        struct timespec a, b;
        pid_t pid;
        int st;
        clock_gettime(CLOCK_MONOTONIC, &a);
        if (posix_spawn(&pid, argv[2], &fa, NULL, args, environ) || waitpid(pid, &st, 0) != pid) return 1;
        clock_gettime(CLOCK_MONOTONIC, &b);
        posix_spawn_file_actions_destroy(&fa);
        t[i] = (b.tv_sec - a.tv_sec) * 1000000000LL + b.tv_nsec - a.tv_nsec;
        total += t[i];
    }
    qsort(t, (size_t)n, sizeof *t, cmp);
    printf("median_us=%.1f mean_us=%.1f\n", t[n / 2] / 1000.0, total / 1000.0 / n);
    return 0;
}
