// The entry point main() calls: the coreutils pass-through first, then the
// command line parsed against the command table, the context the chosen row
// needs loaded, the command run, and its output checked.
#pragma once

namespace touch::cli {

// Returns the exit status. Fatal errors are printed here, once, as
// "touch: message".
int main(int argc, char** argv);

} // namespace touch::cli
