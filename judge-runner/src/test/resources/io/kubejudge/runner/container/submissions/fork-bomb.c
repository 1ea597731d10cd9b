/* Forks without end (each child forks too): the sandbox must contain it and end
 * the test with a verdict, leaving the runner and its container healthy. */
#include <unistd.h>

int main(void) {
    for (;;) fork();
}
