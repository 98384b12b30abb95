#include "touch/platform/module.hpp"

#include "touch/core/error.hpp"

#include <fmt/format.h>

#include <dlfcn.h>
#include <limits.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace touch::platform {

namespace {

std::string folder_of(const std::string& path) {
    auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// Where the module may be, the installed layout first.
std::vector<std::string> candidates() {
    char buffer[PATH_MAX];
    auto n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n <= 0) return {};
    auto bin = folder_of(std::string(buffer, static_cast<std::size_t>(n)));
    auto prefix = folder_of(bin);
    auto installed = (prefix == "/" ? std::string() : prefix) + "/lib/touch/" + readers_module;
    return {installed, bin + "/" + readers_module};
}

[[noreturn]] void incomplete(const std::string& file, std::string_view command,
                             const std::string& what) {
    throw Fatal(exit_system, fmt::format("{}: {}; {} needs it: this installation of touch is "
                                         "incomplete (reinstall it)",
                                         file, what, command));
}

const Readers* open_readers(std::string_view command) {
    auto places = candidates();
    if (places.empty())
        throw Fatal(exit_system, fmt::format("{} needs {}, but where this program is installed "
                                             "cannot be told (/proc/self/exe)",
                                             command, readers_module));
    std::string file = places.front();
    for (auto& place : places)
        if (::access(place.c_str(), F_OK) == 0) {
            file = place;
            break;
        }
    if (::access(file.c_str(), F_OK) != 0) incomplete(file, command, "missing");
    // A path with a slash: dlopen searches nothing, LD_LIBRARY_PATH included.
    void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        incomplete(file, command, fmt::format("cannot be loaded ({})", why ? why : "unknown"));
    }
    auto entry = reinterpret_cast<ReadersEntry>(::dlsym(handle, readers_symbol));
    const Readers* table = entry ? entry() : nullptr;
    if (!table) incomplete(file, command, "not touch's readers' module");
    if (table->version != readers_version || table->layout != readers_layout())
        incomplete(file, command,
                   fmt::format("of another build of touch (its version {}, this program's {})",
                               table->version, readers_version));
    return table;
}

} // namespace

const Readers& readers(std::string_view command) {
    // Opened once, and never closed: its code is called until the process ends.
    static const Readers* table = open_readers(command);
    return *table;
}

} // namespace touch::platform
