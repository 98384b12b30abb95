// libFuzzer: any bytes as a clients file. The loader must turn them into a
// Config or into diagnostics that point into the text; a Config it accepts
// must carry the engine through due, capacity, a fortnight's plan and every
// client's summary.
#include "touch/config/config.hpp"
#include "touch/engine/suggest.hpp"

#include "check.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

using namespace touch;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto result = parse_config(text, "fuzz.toml");

    int lines = 1;
    for (char c : text)
        lines += c == '\n';
    for (const auto& d : result.diagnostics) {
        FUZZ_CHECK(d.path == "fuzz.toml" && !d.message.empty());
        FUZZ_CHECK(d.line >= 0 && d.line <= lines && d.col >= 0);
        (void)format_diagnostic_long(d, source_line(text, d.line));
    }
    if (has_errors(result.diagnostics)) return 0;

    const Config& config = result.config;
    std::set<std::string_view> ids;
    for (const auto& client : config.clients)
        FUZZ_CHECK(ids.insert(client.id).second);

    const Date today{date::year{2026} / 11 / 22};
    History history(config, today);
    for (int c = 0; c < static_cast<int>(config.clients.size()); ++c)
        for (ChannelId ch = 0; ch < static_cast<ChannelId>(config.channels.size()); ++ch)
            if ((c + ch) % 3 == 0) history.record(c, ch, today - date::days{7 * (c + ch)});

    auto rows = suggest(config, history);
    for (std::size_t i = 1; i < rows.size(); ++i)
        FUZZ_CHECK(!ranks_before(config, rows[i], rows[i - 1]));
    auto capped = apply_capacity(config, rows);
    FUZZ_CHECK(capped.shown.size() <= rows.size());
    (void)plan(config, history, 14);
    for (int c = 0; c < static_cast<int>(config.clients.size()); ++c)
        (void)summarize(config, history, c);
    return 0;
}
