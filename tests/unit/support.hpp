// What the unit tests share: a date from its ISO form, a clients file that
// must load cleanly, a log folded into a History, and a temporary folder of
// the test's own.
#pragma once

#include "touch/config/config.hpp"
#include "touch/core/diagnostic.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/history.hpp"
#include "touch/log/log.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace touch {

// d("2026-11-22"): a date the test names, never the clock's.
inline Date d(const char* iso) {
    return *parse_iso_date(iso);
}

// A clients file the test expects to load without a diagnostic.
inline Config config_of(std::string_view toml) {
    auto r = parse_config(toml, "t.toml");
    for (auto& diag : r.diagnostics)
        FAIL(format_diagnostic(diag));
    return r.config;
}

// The log's text folded as the engine folds it; every line must parse.
inline History history_of(const Config& config, std::string_view log, Date today) {
    HistoryBuilder builder(config, today);
    std::istringstream in{std::string(log)};
    std::string line;
    while (std::getline(in, line)) {
        auto p = parse_log_line(line);
        REQUIRE(p.kind != LineKind::malformed);
        if (p.kind == LineKind::entry) builder.add(p.entry);
    }
    return builder.history();
}

// A fresh folder for one test, removed with everything in it when the test
// ends: a test relies on no path outside it.
struct TempDir {
    std::string path;
    TempDir() {
        const char* tmp = std::getenv("TMPDIR");
        std::string name = std::string(tmp && *tmp ? tmp : "/tmp") + "/touch-unit-XXXXXX";
        path = ::mkdtemp(name.data());
    }
    ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return path + "/" + name; }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(file(name), std::ios::binary) << text;
    }
};

} // namespace touch
