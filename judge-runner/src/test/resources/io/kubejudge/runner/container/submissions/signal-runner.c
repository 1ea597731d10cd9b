/* Reaches for every task it can see in /proc (the runner JVM's threads among them, all uid
 * 65534 like this program): SIGTERM, RLIMIT_NOFILE = 0, the lowest priority. Every call must
 * be refused; the runner then judges the sum it prints, which is right only if none reached. */
#define _GNU_SOURCE
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
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
            reached += prlimit(tid, RLIMIT_NOFILE, &zero, NULL) == 0;
            reached += setpriority(PRIO_PROCESS, tid, 19) == 0;
            reached += kill(tid, SIGTERM) == 0;
        }
        if (tasks) closedir(tasks);
    }
    printf("%lld\n", a + b + reached);
    return 0;
}
