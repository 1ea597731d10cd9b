/* Answers, then floods standard output: must end as OutputLimitExceeded. */
#include <stdio.h>
#include <string.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    printf("%lld\n", a + b);
    static char line[4096];
    memset(line, '7', sizeof line - 1);
    for (;;) fputs(line, stdout);
}
