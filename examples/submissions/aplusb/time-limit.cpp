// Counts up to the answer one by one: far too slow for large inputs.
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    volatile long long sum = 0;
    for (;;) {
        sum = sum + 1;
        if (sum == a + b + (1LL << 62)) break;
    }
    std::cout << a + b << '\n';
}
