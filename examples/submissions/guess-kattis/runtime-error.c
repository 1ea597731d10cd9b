/* Plays correctly but dies with SIGSEGV at the end: the validator accepted, the crash decides. */
#include <stdio.h>
#include <string.h>
int main(void) {
    int lo = 1, hi = 1000;
    char reply[32];
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        printf("? %d\n", mid);
        fflush(stdout);
        if (scanf("%31s", reply) != 1) break;
        if (!strcmp(reply, "correct")) { printf("! %d\n", mid); fflush(stdout); break; }
        if (!strcmp(reply, "higher")) lo = mid + 1; else hi = mid - 1;
    }
    volatile int *p = 0;
    return *p;
}
