// Proof that a sanitized build reports, which must end the program with the
// sanitizer's status (86), not a quiet 0: under ThreadSanitizer two threads
// writing one int unsynchronised, under the others one heap read out of
// bounds.
#include <cstdio>
#include <thread>
#include <vector>

#if defined(__SANITIZE_THREAD__)
#define TOUCH_CANARY_RACE 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TOUCH_CANARY_RACE 1
#endif
#endif

int main(int argc, char**) {
#ifdef TOUCH_CANARY_RACE
    int shared = 0;
    std::thread other([&] { shared += argc; });
    shared += argc;
    other.join();
    std::printf("%d\n", shared);
#else
    std::vector<int> v(4);
    std::printf("%d\n", v.data()[3 + argc]); // argc is 1: index 4 of 4
#endif
}
