// libFuzzer: any bytes as text. The decoder must account for every byte and
// read back exactly what the encoder writes; the validator must agree with
// it; a cut must fall between characters; and what each escaper writes (for
// the terminal, for JSON and TOML, for the log) must be valid UTF-8 with no
// control character or bidirectional override left raw in it.
#include "touch/util/string_literal.hpp"
#include "touch/util/text.hpp"
#include "touch/util/utf8.hpp"

#include "check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace touch;

namespace {

// A code point no escaper may leave raw: it would move the cursor, change
// colours, end a line or reorder one.
bool unsafe(char32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void check_clean(std::string_view escaped) {
    FUZZ_CHECK(utf8::is_valid(escaped));
    for (std::size_t i = 0; i < escaped.size();)
        FUZZ_CHECK(!unsafe(utf8::next(escaped, i)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);

    // Decoding accounts for every byte; each valid character encodes back to
    // its own bytes, and an invalid one is a single byte.
    bool all_valid = true;
    std::size_t characters = 0;
    std::string reencoded;
    for (std::size_t i = 0; i < text.size();) {
        auto c = utf8::decode(text, i);
        FUZZ_CHECK(c.length >= 1 && c.length <= 4 && i + c.length <= text.size());
        if (c.valid()) {
            std::string bytes;
            utf8::append(bytes, c.value);
            FUZZ_CHECK(bytes == text.substr(i, c.length));
            reencoded += bytes;
        } else {
            FUZZ_CHECK(c.length == 1);
            all_valid = false;
        }
        ++characters;
        i += c.length;
    }
    FUZZ_CHECK(utf8::is_valid(text) == all_valid);
    if (all_valid) {
        FUZZ_CHECK(reencoded == text);
        FUZZ_CHECK(utf8::count_code_points(text) == characters);
    }

    // A cut keeps at most the limit and always moves on; in valid text, with
    // room for the longest character, it keeps whole characters.
    for (std::size_t limit : {std::size_t{1}, std::size_t{4}, std::size_t{7}, size / 2, size}) {
        auto cut = utf8::cut_before(text, limit);
        FUZZ_CHECK(cut <= text.size() && (cut <= limit || text.size() <= limit));
        if (limit > 0 && !text.empty()) FUZZ_CHECK(cut > 0);
        if (all_valid && limit >= 4) FUZZ_CHECK(utf8::is_valid(text.substr(0, cut)));
    }

    check_clean(escape_control(text));
    check_clean(sanitize_note(text));
    auto literal = string_literal(text);
    FUZZ_CHECK(literal.size() >= 2 && literal.front() == '"' && literal.back() == '"');
    check_clean(literal);
    if (all_valid) FUZZ_CHECK(utf8::is_valid(clip_to_width(text, size / 3)));
    return 0;
}
