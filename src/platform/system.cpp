#include "touch/platform/system.hpp"

#include <cstdlib>
#include <cstring>
#include <pwd.h>
#include <thread>
#include <unistd.h>

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

} // namespace touch::platform
