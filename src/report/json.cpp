#include "touch/report/json.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/string_literal.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <cmath>

namespace touch {

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
    append_string_literal(out_, k);
    out_ += ": ";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    separate();
    append_string_literal(out_, s);
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
