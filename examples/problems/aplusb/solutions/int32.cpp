// Wrong on the large subtask: 32-bit integers overflow. Scores 40 of 100.
#include <cstdio>

int main() {
    long long a, b;
    std::scanf("%lld %lld", &a, &b);
    std::printf("%d\n", (int) a + (int) b);
}
