// What the platform's file code shares: a descriptor closed on scope exit,
// the one wording of a failed system call on a file, and the one way a file
// is opened to be read.
#pragma once

#include "touch/core/error.hpp"

#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace touch::platform::detail {

class Fd {
public:
    explicit Fd(int fd)
        : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd(Fd&& other) noexcept
        : fd_(other.release()) {}
    Fd& operator=(Fd&&) = delete;
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    int release() {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

// "PATH: cannot ACTION: what errno says", with exit_system.
Error failure(const std::string& path, const char* action, int err);
// That failure thrown as Fatal, where it ends the command.
[[noreturn]] void fail(const std::string& path, const char* action, int err);

// Opens a file to read; an invalid Fd when it does not exist. `st` is its state.
Expected<Fd> open_to_read(const std::string& path, struct stat& st);

} // namespace touch::platform::detail
