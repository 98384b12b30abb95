#include "touch/platform/module.hpp"

#include "touch/core/error.hpp"

#include <fmt/format.h>

#include <cstdint>
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

// Where the module `name` may be, the installed layout first.
std::vector<std::string> candidates(const char* name) {
    char buffer[PATH_MAX];
    auto n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n <= 0) return {};
    auto bin = folder_of(std::string(buffer, static_cast<std::size_t>(n)));
    auto prefix = folder_of(bin);
    auto installed = (prefix == "/" ? std::string() : prefix) + "/lib/touch/" + name;
    return {installed, bin + "/" + name};
}

[[noreturn]] void incomplete(const std::string& file, std::string_view command,
                             const std::string& what) {
    throw Fatal(exit_system, fmt::format("{}: {}; {} needs it: this installation of touch is "
                                         "incomplete (reinstall it)",
                                         file, what, command));
}

// The table `symbol` of the module `name`, found, loaded (`binding`:
// RTLD_NOW or RTLD_LAZY) and checked.
template <class Table>
const Table* open_table(const char* name, const char* symbol, std::uint32_t version,
                        std::uint32_t layout, std::string_view command, int binding = RTLD_NOW) {
    auto places = candidates(name);
    if (places.empty())
        throw Fatal(exit_system, fmt::format("{} needs {}, but where this program is installed "
                                             "cannot be told (/proc/self/exe)",
                                             command, name));
    std::string file = places.front();
    for (auto& place : places)
        if (::access(place.c_str(), F_OK) == 0) {
            file = place;
            break;
        }
    if (::access(file.c_str(), F_OK) != 0) incomplete(file, command, "missing");
    // A path with a slash: dlopen searches nothing, LD_LIBRARY_PATH included.
    void* handle = ::dlopen(file.c_str(), binding | RTLD_LOCAL);
    if (!handle) {
        const char* why = ::dlerror();
        incomplete(file, command, fmt::format("cannot be loaded ({})", why ? why : "unknown"));
    }
    using Entry = const Table* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, symbol));
    const Table* table = entry ? entry() : nullptr;
    if (!table) incomplete(file, command, "not touch's readers' module");
    if (table->version != version || table->layout != layout)
        incomplete(file, command,
                   fmt::format("of another build of touch (its version {}, this program's {})",
                               table->version, version));
    return table;
}

} // namespace

// Each opened once, and never closed: its code is called until the process ends.
const Readers& readers(std::string_view command) {
    static const Readers* table = open_table<Readers>(readers_module, readers_symbol,
                                                      readers_version, readers_layout(), command);
    return *table;
}

const CalendarReader& calendar_reader(std::string_view command) {
    static const CalendarReader* table = open_table<CalendarReader>(
        calendar_module, calendar_symbol, calendar_version, calendar_layout(), command);
    return *table;
}

// Bound lazily: the module brings the shared libstdc++, whose thousand
// function slots RTLD_NOW would bind at once for the few calls a zone makes,
// 1.1 M instructions of every command run with settings.timezone (of 6.1 M).
// The module is linked with --no-undefined, and its libraries are the
// system's, whose sonames change with their ABI: what it calls is there.
const TouchZoneTable& zone_table(std::string_view command) {
    static const TouchZoneTable* table = open_table<TouchZoneTable>(
        zone_module, zone_symbol, zone_version, zone_layout(), command, RTLD_LAZY);
    return *table;
}

} // namespace touch::platform
