// The benchmark's floor for a large clients file: what toml++ alone takes to
// parse it. Reads the file, parses it with the same toml++ build touch links,
// as touch calls it (src/config/toml_syntax.cpp), on one thread, and exits at once: nothing is
// checked, nothing printed, nothing freed. Exit status 0, or 3 when the text is not TOML.
#include <toml++/toml.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: parse_probe FILE\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        std::fprintf(stderr, "parse_probe: cannot read %s\n", argv[1]);
        return 2;
    }
    try {
        auto* root = new toml::table(toml::parse(text.str()));
        (void)root;
    } catch (const toml::parse_error& e) {
        std::fprintf(stderr, "parse_probe: %s\n", e.what());
        return 3;
    }
    std::_Exit(0);
}
