#include <iostream>
#include <vector>
int main() {
    int n;
    std::cin >> n;
    std::vector<long long> v(n);
    long long s = 0;
    for (int i = 0; i < n; i++) std::cin >> v[i], s += v[i];
    if (n > 3) return 3;  // "cannot happen"
    std::cout << s << '\n';
}
