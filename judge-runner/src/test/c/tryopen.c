/* tryopen r|w <path>: exit 0 when open succeeds, else the errno (13 = EACCES). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    if (argc < 3) return 100;
    int fd = argv[1][0] == 'w' ? open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644) : open(argv[2], O_RDONLY);
    if (fd < 0) { int e = errno; perror(argv[2]); return e; } /* perror may clobber errno */
    if (argv[1][0] == 'w' && write(fd, "x\n", 2) != 2) return 101;
    close(fd);
    return 0;
}
