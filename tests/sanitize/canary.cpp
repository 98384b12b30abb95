// Proof that a sanitized build reports: one heap read out of bounds, which
// must end the program with the sanitizer's status (86), not a quiet 0.
#include <cstdio>
#include <vector>

int main(int argc, char**) {
    std::vector<int> v(4);
    std::printf("%d\n", v.data()[3 + argc]); // argc is 1: index 4 of 4
}
