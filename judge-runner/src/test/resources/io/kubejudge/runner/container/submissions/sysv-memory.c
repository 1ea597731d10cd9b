/* Three SysV shared memory segments of 80 MiB (against the test's 128 MiB), each filled and
 * detached: they would outlive the program, counted nowhere. Refused, the program holds the
 * memory itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>

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
    for (int i = 0; i < 3; i++) {
        int id = shmget(IPC_PRIVATE, 80 << 20, IPC_CREAT | 0600);
        char *p = id < 0 ? NULL : shmat(id, NULL, 0);
        if (p == NULL || p == (void *) -1) { hold(80); continue; }
        memset(p, 1, 80 << 20);
        shmdt(p);
    }
    printf("%lld\n", a + b);
    return 0;
}
