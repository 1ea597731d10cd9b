/* The program side of the launcher's interactive tests: guesser play|early|quiet|steal <file>
 * play: binary search, then reads to the end of its input; early: one question, then exit 0;
 * quiet: one question, then never reads;
 * steal: tries to read <file> (the interactor's secret) and answers what it read, else 0. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "play";
    char reply[16];
    if (!strcmp(mode, "steal")) {
        long v = 0;
        FILE *f = fopen(argv[2], "r");
        if (f && fscanf(f, "%ld", &v) != 1) v = 0;
        printf("! %ld\n", v);
        return 0;
    }
    printf("? 500\n");
    fflush(stdout);
    if (!strcmp(mode, "early")) return 0;
    if (!strcmp(mode, "quiet")) for (;;) pause();
    int lo = 1, hi = 1000, mid = 500;
    for (;;) {
        if (scanf("%15s", reply) != 1) return 1;
        if (!strcmp(reply, "correct")) break;
        if (!strcmp(reply, "higher")) lo = mid + 1; else hi = mid - 1;
        mid = (lo + hi) / 2;
        printf("? %d\n", mid);
        fflush(stdout);
    }
    printf("! %d\n", mid);
    fflush(stdout);
    /* Until the interactor has gone (the launcher closes our stdin once it has reaped it), so
     * that it always ends first, as an interactor judging a final answer does. */
    while (getchar() != EOF) {}
    return 0;
}
