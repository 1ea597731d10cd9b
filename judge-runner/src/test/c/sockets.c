/* Exit 0 when every socket call is refused with EPERM; argv[1]=="compile"
 * expects socketpair(AF_UNIX) to work. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
int main(int argc, char **argv)
{
    int compile = argc > 1 && !strcmp(argv[1], "compile"), bad = 0, sv[2];
    if (socket(AF_INET, SOCK_STREAM, 0) >= 0 || errno != EPERM) bad |= 1, puts("socket(AF_INET) allowed");
    if (socket(AF_UNIX, SOCK_STREAM, 0) >= 0 || errno != EPERM) bad |= 2, puts("socket(AF_UNIX) allowed");
    if (socketpair(AF_INET, SOCK_STREAM, 0, sv) == 0 || errno != EPERM) bad |= 4, puts("socketpair(AF_INET) not EPERM");
    int unix_ok = socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0;
    if (unix_ok != compile) bad |= 8, printf("socketpair(AF_UNIX) %s\n", unix_ok ? "allowed" : "refused");
    return bad;
}
