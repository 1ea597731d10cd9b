/* crash exit <n> | segv | abort */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "exit")) return atoi(argv[2]);
    if (argc > 1 && !strcmp(argv[1], "abort")) abort();
    raise(SIGSEGV);
    return 0;
}
