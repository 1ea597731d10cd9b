/* Looks for the expected answers wherever the pod could have put them; exits 42
 * (a RuntimeError) if it can read any, else answers correctly (Accepted). */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <string.h>

static int readable_answer_in(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    int found = 0;
    while ((e = readdir(d)) && !found) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".ans") == 0) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            FILE *f = fopen(path, "r");
            if (f) { found = 1; fclose(f); }
        }
    }
    closedir(d);
    return found;
}

int main(void) {
    const char *places[] = {"/data", "/inputs", "/submission", "/work", "..", "../..", "/tmp", "/"};
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        if (readable_answer_in(places[i])) return 42;
    }
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    printf("%lld\n", a + b);
    return 0;
}
