/* Asks once, then leaves without an answer: the validator reads end-of-file and rejects. */
#include <stdio.h>
int main(void) {
    printf("? 500\n");
    fflush(stdout);
    return 0;
}
