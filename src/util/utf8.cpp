#include "touch/util/utf8.hpp"

namespace touch::utf8 {

void append(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        out += replacement;
    } else if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_valid(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        auto c = decode(s, i);
        if (!c.valid()) return false;
        i += c.length;
    }
    return true;
}

std::size_t count_code_points(std::string_view s) {
    std::size_t count = 0;
    for (char c : s)
        if (!is_continuation(c)) ++count;
    return count;
}

std::size_t cut_before(std::string_view s, std::size_t limit) {
    if (s.size() <= limit) return s.size();
    std::size_t cut = limit;
    while (cut > 0 && is_continuation(s[cut]))
        --cut;
    return cut > 0 ? cut : limit;
}

} // namespace touch::utf8
