#include <iostream>
#include <string>
int main() {
    int lo = 1, hi = 1000;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        std::cout << "? " << mid << std::endl;
        std::string reply;
        if (!(std::cin >> reply)) return 0;
        if (reply == "correct") { std::cout << "! " << mid << std::endl; return 0; }
        if (reply == "higher") lo = mid + 1; else hi = mid - 1;
    }
}
