#include "touch/platform/system.hpp"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <pwd.h>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>

#if __has_include(<mimalloc.h>)
#include <mimalloc.h>
// Weak: the library is linked into programs that allocate otherwise (the
// unit tests, the sanitizer builds), where these are null.
#pragma weak mi_option_set_enabled
#pragma weak mi_option_set
#pragma weak mi_malloc
#pragma weak mi_free
#define TOUCH_HAS_MIMALLOC_API 1
#endif

namespace touch::platform {

std::string errno_message(int err) {
    return std::strerror(err);
}

std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::string(value);
}

std::optional<std::string> login_name() {
    const passwd* entry = getpwuid(getuid());
    if (!entry || !entry->pw_name || !*entry->pw_name) return std::nullopt;
    return std::string(entry->pw_name);
}

std::size_t core_count() {
    return std::thread::hardware_concurrency();
}

namespace {

// The span of the mapping that holds `at`, from /proc/self/maps.
bool mapping_of(std::uintptr_t at, std::uintptr_t& low, std::uintptr_t& high) {
    FILE* maps = std::fopen("/proc/self/maps", "re");
    if (!maps) return false;
    char line[512];
    bool found = false;
    while (!found && std::fgets(line, sizeof line, maps)) {
        unsigned long from = 0, to = 0;
        found = std::sscanf(line, "%lx-%lx", &from, &to) == 2 && from <= at && at < to;
        if (found) {
            low = from;
            high = to;
        }
    }
    std::fclose(maps);
    return found;
}

} // namespace

void prefer_large_pages() {
#ifdef TOUCH_HAS_MIMALLOC_API
    static std::atomic<bool> asked{false};
    if (!mi_option_set_enabled || !mi_option_set || !mi_malloc || !mi_free || asked.exchange(true))
        return;
    // The memory mimalloc maps from now on (the helper threads' own, say)
    // it advises itself, at once rather than after a thread's first.
    mi_option_set_enabled(mi_option_large_os_pages, true);
    mi_option_set(mi_option_eager_commit_delay, 0);
    // This thread's is mapped already: advised here, from the next 2 MiB on
    // (the pages before it are touched already, and stay small).
    constexpr std::uintptr_t large = 2 * 1024 * 1024;
    void* probe = mi_malloc(1);
    auto at = reinterpret_cast<std::uintptr_t>(probe);
    mi_free(probe);
    std::uintptr_t low = 0, high = 0;
    if (!probe || !mapping_of(at, low, high)) return;
    auto from = (at + large) & ~(large - 1);
    // A kernel without such pages says EINVAL: the heap stays as it was.
    if (from < high) (void)::madvise(reinterpret_cast<void*>(from), high - from, MADV_HUGEPAGE);
#endif
}

} // namespace touch::platform
