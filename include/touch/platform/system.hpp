// What the process is given by the system: its environment, its user's
// login name, how many cores it runs on, and the system's words for an
// errno value.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace touch::platform {

std::optional<std::string> env(const char* name); // unset and empty are both nothing
// The name of the process's real user in the password file, if it has one.
std::optional<std::string> login_name();

std::string errno_message(int err);

// How many threads this machine runs at once; 0 when it cannot tell.
std::size_t core_count();

} // namespace touch::platform
