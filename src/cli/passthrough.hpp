// Installed as `touch`, this program shadows coreutils' touch(1). Anything
// that is not one of our commands or long options goes to the system's touch
// with the same arguments, so `touch file.txt` and make keep working.
#pragma once

namespace touch::cli {

// True when argv is for us: a command, one of our long options, a lone -h, or
// nothing at all.
bool is_ours(int argc, char** argv);

// Replaces this process with the system's touch (the first `touch` on an
// absolute PATH entry that is not this binary, else /usr/bin/touch). Returns
// only on failure, with the exit status to use.
int run_system_touch(char** argv);

} // namespace touch::cli
