/* A guess-the-number interactor for the launcher's interactive tests (Kattis exit codes):
 *   interactor [spin|crash|hog|reject] <secret-file>
 * Answers "? g" with lower/higher/correct, judges "! g": 42 right, 43 wrong or end of input.
 * spin: burns 0.6 s of CPU first (not the program's time); crash: aborts at the first line;
 * hog: holds 64 MiB of touched memory for 0.2 s, then plays as usual; reject: plays, then rejects (43). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *mode = argc > 2 ? argv[1] : "";
    FILE *f = fopen(argv[argc - 1], "r");
    long secret, g;
    char kind[8];
    if (!f || fscanf(f, "%ld", &secret) != 1) return 1;
    if (!strcmp(mode, "spin")) {
        clock_t start = clock();
        for (volatile unsigned long spin = 0; clock() - start < 3 * CLOCKS_PER_SEC / 5; spin++) {}
    }
    if (!strcmp(mode, "hog")) {
        size_t n = 64u << 20;
        char *volatile p = malloc(n); /* volatile: gcc may not fold the unused buffer away */
        if (!p) return 1;
        memset(p, 1, n);
        if (p[n - 1] != 1) return 1;
        usleep(200000); /* long enough for the launcher's poll to see it alive */
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    while (scanf("%7s %ld", kind, &g) == 2) {
        if (!strcmp(mode, "crash")) abort();
        if (!strcmp(kind, "!")) return g == secret && strcmp(mode, "reject") ? 42 : 43;
        printf("%s\n", g < secret ? "higher" : g > secret ? "lower" : "correct");
    }
    return 43;
}
