/* Sleeps argv[1] ms. */
#include <stdlib.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    long ms = argc > 1 ? atol(argv[1]) : 1000000;
    while (ms > 0) { usleep(ms > 1000 ? 1000000 : ms * 1000); ms -= 1000; }
    return 0;
}
