/* Recursion argv[1] levels deep with a 1 KiB frame (100000 -> ~100 MiB stack). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static long depth(long n)
{
    volatile char frame[1024];
    memset((char *)frame, (int)n, sizeof frame);
    return n == 0 ? frame[0] : depth(n - 1) + frame[n % sizeof frame];
}
int main(int argc, char **argv)
{
    printf("%ld\n", depth(argc > 1 ? atol(argv[1]) : 100000));
    return 0;
}
