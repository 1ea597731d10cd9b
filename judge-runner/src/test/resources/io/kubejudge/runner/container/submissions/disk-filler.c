/* Files of 4 MiB in its working directory (the scratch directory), 200 MiB in all, then the right
 * answer: each file is under the output limit, the sum is not under the disk limit. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    signal(SIGXFSZ, SIG_IGN);
    static char mib[1 << 20];
    memset(mib, 'x', sizeof mib);
    for (int f = 0, total = 0; total < 200; f++) {
        char name[32];
        snprintf(name, sizeof name, "fill-%d", f);
        int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) break;
        for (int in_file = 0; total < 200 && in_file < 4 && write(fd, mib, sizeof mib) == (ssize_t) sizeof mib; in_file++) total++;
        close(fd);
    }
    printf("%lld\n", a + b);
    return 0;
}
