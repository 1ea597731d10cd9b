/* Three children of 80 MiB each (against the test's 128 MiB): each alone is under the limit, the
 * program is not. Refused children leave the memory to the program itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void hold(int mib) {
    for (int i = 0; i < mib; i++) {
        char *p = malloc(1 << 20);
        if (!p) abort();
        memset(p, 1, 1 << 20);
    }
}

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    int kids = 0;
    for (int i = 0; i < 3; i++) {
        pid_t p = fork();
        if (p == 0) { hold(80); sleep(1); _exit(0); }
        if (p > 0) kids++; else hold(80);
    }
    while (kids-- > 0) wait(NULL);
    printf("%lld\n", a + b);
    return 0;
}
