/* Tries to kill every process it may signal, and its parent, then answers
 * correctly: the runner (same uid, same container) must survive to judge it. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    kill(-1, SIGKILL);
    kill(getppid(), SIGKILL);
    kill(1, SIGKILL);
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    printf("%lld\n", a + b);
    return 0;
}
