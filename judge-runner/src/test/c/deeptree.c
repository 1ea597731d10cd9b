/* Leaves a deep tree in its working directory (the scratch directory), with a
 * directory it closed (mode 0) halfway down. Exit code 1 when an earlier
 * test's tree is still there: the launcher must empty the scratch directory. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void)
{
    if (access("d", F_OK) == 0) return 1;
    for (int i = 0; i < 100; i++) {
        if (mkdir("d", 0755) || chdir("d")) return 2;
        if (i == 50) close(open("file", O_WRONLY | O_CREAT, 0644));
    }
    for (int i = 0; i < 60; i++) if (chdir("..")) return 3;
    chmod("d", 0); /* 40 levels down */
    return 0;
}
