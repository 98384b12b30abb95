#include "cli/app.hpp"

int main(int argc, char** argv) {
    return touch::cli::main(argc, argv);
}
