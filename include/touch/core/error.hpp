// How a command ends: the exit statuses of touch(1), and the one error that
// stops a command. Expected problems in the user's files are values
// (Diagnostics); Fatal is for what ends the command, and main() catches it
// once and prints it as "touch: message".
#pragma once

#include <stdexcept>
#include <string>

namespace touch {

// Exit statuses of touch(1): never outside 0-4 (a closed pipe aside).
enum ExitStatus : int {
    exit_ok = 0,
    exit_nothing_due = 1,
    exit_usage = 2,
    exit_invalid_data = 3,
    exit_system = 4,
};

// An error that ends the command: printed once as "touch: message".
struct Fatal : std::runtime_error {
    Fatal(int status_, const std::string& message)
        : std::runtime_error(message)
        , status(status_) {}
    int status;
};

} // namespace touch
