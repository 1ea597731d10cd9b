/* Threads with small stacks until the system says no, then the right answer: without a task cap
 * of ours only the node's pid limit (or memory) would stop it. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *wait_forever(void *arg) { for (;;) pause(); return arg; }

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 << 10);
    pthread_t t;
    while (pthread_create(&t, &attr, wait_forever, NULL) == 0) {}
    printf("%lld\n", a + b);
    return 0;
}
