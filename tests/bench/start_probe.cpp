// The benchmark's floor for `touch --version`: a C++ program that prints one
// line through std::cout, linked as the binary `touch` is linked (its own
// libstdc++ and libgcc, and the allocator in front of the C library; see
// tests/CMakeLists.txt). What it takes beyond /bin/true is what loading and
// starting such a program costs before any of touch's work.
#include <iostream>

int main() {
    std::cout << "0.1.0\n";
    return 0;
}
