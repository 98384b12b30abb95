// libFuzzer: any bytes as log text. The splitter must cut them into lines,
// the fast line reader must agree with the reference reading on every line
// it takes, and neither may crash, hang or read out of bounds.
#include "touch/log/log.hpp"

#include "check.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace touch;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    LineParser parser;
    LineSplitter splitter([&](std::string_view line, std::size_t, bool too_long) {
        if (too_long) return;
        auto fast = parser.parse(line);
        auto slow = parse_log_line_reference(line);
        bool same = fast.kind == slow.kind && fast.col == slow.col && fast.message == slow.message;
        if (same && fast.kind == LineKind::entry)
            same = fast.entry.date == slow.entry.date && fast.entry.minute == slow.entry.minute &&
                   fast.entry.client == slow.entry.client &&
                   fast.entry.channel == slow.entry.channel && fast.entry.note == slow.entry.note;
        FUZZ_CHECK(same);
        if (fast.kind == LineKind::entry)
            (void)format_log_line(fast.entry.date, fast.entry.minute, fast.entry.client,
                                  fast.entry.channel, fast.entry.note);
    });
    // Two chunks, cut in the middle, to exercise lines across reads.
    splitter.feed(text.substr(0, size / 2));
    splitter.feed(text.substr(size / 2));
    splitter.finish();
    return 0;
}
