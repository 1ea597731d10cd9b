/* Lists the fds it holds besides 0, 1 and 2 (and the one reading /proc/self/fd).
 * Exit code: how many there are (100: /proc/self/fd unreadable). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
int main(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d) return 100;
    int extra = 0;
    for (struct dirent *e; (e = readdir(d));) {
        int fd = atoi(e->d_name);
        if (e->d_name[0] == '.' || fd <= 2 || fd == dirfd(d)) continue;
        printf("fd %d is open\n", fd);
        extra++;
    }
    closedir(d);
    return extra;
}
