/* Asks 1, 2, 3, ...: more than 10 questions, so the validator rejects it (first). */
#include <stdio.h>
#include <string.h>
int main(void) {
    char reply[32];
    for (int g = 1; g <= 1000; g++) {
        printf("? %d\n", g);
        fflush(stdout);
        if (scanf("%31s", reply) != 1) return 0;
        if (!strcmp(reply, "correct")) { printf("! %d\n", g); return 0; }
    }
    return 0;
}
