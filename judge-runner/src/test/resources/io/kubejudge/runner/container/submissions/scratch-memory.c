/* Leaves a file in its working directory and answers wrongly when an earlier test's file is
 * still there: the scratch directory must be empty at the start of every test. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    int seen = access("left-by-an-earlier-test", F_OK) == 0;
    close(open("left-by-an-earlier-test", O_WRONLY | O_CREAT, 0644));
    printf("%lld\n", seen ? a + b + 1 : a + b);
    return 0;
}
