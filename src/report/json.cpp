#include "touch/report/json.hpp"

#include "touch/util/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace touch {

namespace {

// One code point of valid UTF-8 at `i` (advancing it), or -1 for a byte that
// does not start one: overlong forms, surrogates and values past U+10FFFF
// are not valid.
long decode(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return -1;
    }
    long cp = c & (0x3F >> (len - 1));
    for (int k = 1; k < len; ++k) {
        unsigned char next = byte(i + static_cast<std::size_t>(k));
        if ((next & 0xC0) != 0x80) {
            ++i;
            return -1;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr long least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return -1;
    }
    i += static_cast<std::size_t>(len);
    return cp;
}

// Code points written as \u escapes although JSON allows them raw: C1
// controls, the marks and overrides that reorder a line, and the line and
// paragraph separators that JavaScript reads as line ends.
bool escaped_in_json(long cp) {
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

} // namespace

std::string json_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    append_json_string(out, s);
    return out;
}

void append_json_string(std::string& out, std::string_view s) {
    // Printable ASCII but the quote and the backslash goes as it is, a run at a time.
    auto plain = [](unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; };
    std::size_t i = 0;
    while (i < s.size() && plain(static_cast<unsigned char>(s[i])))
        ++i;
    // A short plain string, as keys and most values are: quoted in one append.
    constexpr std::size_t short_string = 64;
    if (i == s.size() && i <= short_string) {
        char quoted[short_string + 2];
        quoted[0] = '"';
        std::memcpy(quoted + 1, s.data(), i);
        quoted[i + 1] = '"';
        out.append(quoted, i + 2);
        return;
    }
    out += '"';
    out.append(s.data(), i);
    while (i < s.size()) {
        auto run = i;
        while (run < s.size() && plain(static_cast<unsigned char>(s[run])))
            ++run;
        out.append(s.data() + i, run - i);
        i = run;
        if (i == s.size()) break;
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
        } else if (c < 0x80) {
            switch (c) {
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
            }
            ++i;
        } else {
            auto start = i;
            auto cp = decode(s, i);
            if (cp < 0)
                out += "\xEF\xBF\xBD"; // U+FFFD, so the document stays valid
            else if (escaped_in_json(cp))
                fmt::format_to(std::back_inserter(out), "\\u{:04x}", cp);
            else
                out.append(s.substr(start, i - start));
        }
    }
    out += '"';
}

void JsonWriter::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (first_.empty()) return;
    // The first member goes without the comma.
    out_.append(line_break_, first_.back() ? 1 : 0);
    first_.back() = false;
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    out_ += '{';
    open();
    return *this;
}

void JsonWriter::open() {
    first_.push_back(true);
    line_break_.append(2, ' ');
}

JsonWriter& JsonWriter::close(char bracket) {
    bool empty = first_.back();
    first_.pop_back();
    line_break_.resize(line_break_.size() - 2);
    if (!empty) out_.append(line_break_, 1);
    out_ += bracket;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    return close('}');
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    out_ += '[';
    open();
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    return close(']');
}

JsonWriter& JsonWriter::key(std::string_view k) {
    separate();
    append_json_string(out_, k);
    out_ += ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    separate();
    append_json_string(out_, s);
    return *this;
}

JsonWriter& JsonWriter::value(long long n) {
    separate();
    auto digits = fmt::format_int(n);
    out_.append(digits.data(), digits.size());
    return *this;
}

JsonWriter& JsonWriter::value(double d) {
    separate();
    if (std::isfinite(d))
        append_fixed(out_, d, 3);
    else
        out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::value(bool b) {
    separate();
    out_ += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(Date d) {
    separate();
    out_ += '"';
    append_date(out_, d);
    out_ += '"';
    return *this;
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& strings) {
    begin_array();
    for (auto& s : strings)
        value(s);
    return end_array();
}

JsonWriter& JsonWriter::null() {
    separate();
    out_ += "null";
    return *this;
}

} // namespace touch
