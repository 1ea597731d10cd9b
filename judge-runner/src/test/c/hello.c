/* Prints "hello", then copies stdin to stdout and a line to stderr. */
#include <stdio.h>
int main(void)
{
    char buf[4096];
    size_t n;
    puts("hello");
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) fwrite(buf, 1, n, stdout);
    fputs("to stderr\n", stderr);
    return 0;
}
