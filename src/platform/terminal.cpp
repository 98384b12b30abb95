#include "touch/platform/terminal.hpp"

#include "touch/platform/system.hpp"

#include <cstdlib>
#include <sys/ioctl.h>
#include <unistd.h>

namespace touch::platform {

bool is_terminal(int fd) {
    return ::isatty(fd) == 1;
}

std::size_t terminal_width(int fd) {
    if (!is_terminal(fd)) return 0;
    struct winsize ws {};
    if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    if (auto columns = env("COLUMNS")) return static_cast<std::size_t>(std::atoi(columns->c_str()));
    return 80;
}

bool use_color(ColorMode mode, int fd) {
    if (mode == ColorMode::always) return true;
    if (mode == ColorMode::never) return false;
    if (env("NO_COLOR")) return false;
    auto term = env("TERM");
    if (term && *term == "dumb") return false;
    return is_terminal(fd);
}

} // namespace touch::platform
