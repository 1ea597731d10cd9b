// Reads a and b, then keeps every byte of a growing buffer resident: far above any
// problem's memory limit. Must end as MemoryLimitExceeded, not RuntimeError.
#include <iostream>
#include <vector>

int main() {
    long long a, b;
    std::cin >> a >> b;
    std::vector<std::vector<char>> hoard;
    for (;;) {
        hoard.emplace_back(16 << 20, static_cast<char>(a + b));
    }
}
