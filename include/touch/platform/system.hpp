// What the process is given by the system: its environment, its user's
// login name, how many cores it runs on, the pages its memory comes in, and
// the system's words for an errno value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace touch::platform {

std::optional<std::string> env(const char* name); // unset and empty are both nothing
// The name of the process's real user in the password file, if it has one.
std::optional<std::string> login_name();

std::string errno_message(int err);

// How many threads this machine runs at once; 0 when it cannot tell.
std::size_t core_count();

// From now on, the heap in 2 MiB pages where the kernel has them
// (transparent huge pages): a page fault per 2 MiB touched instead of one
// per 4 KiB. Worth it only before a large heap is built: zeroing a 2 MiB
// page that is then hardly used costs more than the faults it saves
// (README, Speed). Asked once per process; only of mimalloc (the binary's
// allocator, Allocator.cmake): with another, and where the kernel has no
// such pages, nothing changes.
void prefer_large_pages();
// What is read in one piece before prefer_large_pages pays: a clients file
// (its tree and clients), a log file (what history and stats keep of its lines).
constexpr std::size_t large_pages_clients_bytes = 128 * 1024;
constexpr std::uint64_t large_pages_log_bytes = 16 * 1024 * 1024;

} // namespace touch::platform
