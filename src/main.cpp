#include "cli/app.hpp"
#include "touch/core/lifetime.hpp"

int main(int argc, char** argv) {
    // A command runs once and exits: what it parsed and built is left to the
    // end of the process rather than freed piece by piece (touch/lifetime.hpp).
    touch::keep_large_objects_until_exit();
    return touch::cli::main(argc, argv);
}
