/* Copies stdin to stderr. */
#include <stdio.h>
int main(void)
{
    int c;
    while ((c = getchar()) != EOF) fputc(c, stderr);
    return 0;
}
