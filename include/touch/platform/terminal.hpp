// The terminal: whether a descriptor is one, how wide it is, and the one
// decision whether to colour the output.
#pragma once

#include <cstddef>

namespace touch::platform {

bool is_terminal(int fd);
std::size_t terminal_width(int fd); // 0 when not a terminal

enum class ColorMode { automatic, always, never };
// The one place the colour decision is made, in this order: --color always or
// never wins; then NO_COLOR (set and non-empty) turns it off; then it is on
// only when `fd` is a terminal and TERM is not "dumb".
bool use_color(ColorMode mode, int fd);

} // namespace touch::platform
