/* Asks and then waits for nothing: it never reads the reply, so both sides wait (wall clock). */
#include <stdio.h>
#include <unistd.h>
int main(void) {
    printf("? 500\n");
    fflush(stdout);
    for (;;) pause();
}
