// What the process is given by the system: its environment, its user's
// login name, and the system's words for an errno value.
#pragma once

#include <optional>
#include <string>

namespace touch::platform {

std::optional<std::string> env(const char* name); // unset and empty are both nothing
// The name of the process's real user in the password file, if it has one.
std::optional<std::string> login_name();

std::string errno_message(int err);

} // namespace touch::platform
