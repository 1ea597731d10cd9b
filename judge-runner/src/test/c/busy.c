/* Burns argv[1] ms of CPU in argv[2] threads (default: forever, 1 thread). */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
static long long limit_ns = -1;
static long long thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
static void *burn(void *arg)
{
    volatile unsigned long x = 0;
    (void)arg;
    while (limit_ns < 0 || thread_cpu() < limit_ns)
        for (int i = 0; i < 100000; i++) x += i;
    return NULL;
}
int main(int argc, char **argv)
{
    int n = argc > 2 ? atoi(argv[2]) : 1;
    pthread_t t[64];
    if (argc > 1) limit_ns = atoll(argv[1]) * 1000000LL;
    for (int i = 1; i < n && i < 64; i++) pthread_create(&t[i], NULL, burn, NULL);
    burn(NULL);
    for (int i = 1; i < n && i < 64; i++) pthread_join(t[i], NULL);
    return 0;
}
