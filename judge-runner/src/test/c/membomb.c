/* Allocates and touches 1 MiB blocks forever; abort() when malloc fails. */
#include <stdlib.h>
#include <string.h>
int main(void)
{
    for (;;) {
        char *p = malloc(1 << 20);
        if (!p) abort();
        memset(p, 1, 1 << 20);
    }
}
