/* Writes a byte to stdout, waits 100 ms and exits 1 if its stdout file was cut meanwhile
 * (another test's launcher truncating the same path). */
#include <sys/stat.h>
#include <unistd.h>
int main(void)
{
    struct stat st;
    if (write(1, "x", 1) != 1) return 2;
    usleep(100000);
    return fstat(1, &st) == 0 && st.st_size == 1 ? 0 : 1;
}
