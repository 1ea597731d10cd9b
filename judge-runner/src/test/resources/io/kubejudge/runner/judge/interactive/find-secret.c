/* A hostile submission to "Guess the Number": instead of asking, it searches for the secret the
 * interactor reads: the paths on every process's command line (the interactor's names the input
 * and answer files), directly, through /proc/<pid>/root and /proc/<pid>/cwd, every open file of
 * every process (/proc/<pid>/fd/<n>), their environments, and the pod's data directories. Any
 * number it reads becomes its answer ("! n", accepted if right); otherwise "! -1" when it saw
 * where the data is (an input file on some command line) and "! -2" when it did not even see
 * that. On stderr: "candidates <paths seen on command lines> opened <files read>". */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long found = -1;
static int candidates, opened;

static void try_read(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) return;
    char buf[64] = {0};
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return;
    opened++;
    char *end;
    long v = strtol(buf, &end, 10);
    if (end != buf && v >= 1 && v <= 1000) found = v;
}

static void try_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        try_read(p);
    }
    closedir(d);
}

int main(void)
{
    pid_t self = getpid();
    DIR *proc = opendir("/proc");
    for (struct dirent *e; proc && (e = readdir(proc));) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9' || atoi(e->d_name) == self) continue;
        char p[4096], args[8192];
        snprintf(p, sizeof p, "/proc/%s/cmdline", e->d_name);
        int fd = open(p, O_RDONLY);
        ssize_t n = fd < 0 ? -1 : read(fd, args, sizeof args - 1);
        if (fd >= 0) close(fd);
        for (ssize_t i = 0; i < n; i += strlen(args + i) + 1) {
            args[n] = 0;
            const char *a = args + i;
            if (a[0] != '/') continue;
            size_t len = strlen(a);
            if (len > 3 && !strcmp(a + len - 3, ".in")) candidates++;
            try_read(a);
            char q[8192];
            snprintf(q, sizeof q, "/proc/%s/root%s", e->d_name, a);
            try_read(q);
            const char *slash = strrchr(a, '/');
            snprintf(q, sizeof q, "/proc/%s/cwd/%s", e->d_name, slash + 1);
            try_read(q);
            snprintf(q, sizeof q, "%.*s", (int)(slash - a), a);
            try_dir(q);
        }
        snprintf(p, sizeof p, "/proc/%s/fd", e->d_name);
        try_dir(p);
        snprintf(p, sizeof p, "/proc/%s/environ", e->d_name);
        try_read(p);
    }
    if (proc) closedir(proc);
    try_dir("/data/tests");
    try_dir("/data/inputs");
    try_dir("/work/interactor");
    fprintf(stderr, "candidates %d opened %d\n", candidates, opened);
    printf("! %ld\n", found > 0 ? found : candidates > 0 ? -1 : -2);
    fflush(stdout);
    return 0;
}
