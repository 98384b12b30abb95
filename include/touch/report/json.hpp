// JSON for scripts: one document written as it is built, with stable keys.
// Strings are escaped per RFC 8259 and the output always parses.
#pragma once

#include "touch/core/model.hpp"
#include "touch/util/string_literal.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(long long n);
    JsonWriter& value(int n) { return value(static_cast<long long>(n)); }
    JsonWriter& value(std::size_t n) { return value(static_cast<long long>(n)); }
    JsonWriter& value(double d);
    JsonWriter& value(bool b);
    JsonWriter& value(Date d); // ISO 8601: 2026-11-22
    JsonWriter& value(const std::vector<std::string>& strings);
    JsonWriter& null();
    template <typename T> JsonWriter& field(std::string_view k, const T& v) {
        key(k);
        return value(v);
    }
    // Every optional value of every report goes through here: absent is null.
    template <typename T> JsonWriter& field(std::string_view k, const std::optional<T>& v) {
        key(k);
        return v ? value(*v) : null();
    }
    std::string str() const { return out_ + "\n"; }

private:
    std::string out_;
    std::vector<bool> first_;        // per open container: nothing written yet
    std::string line_break_ = ",\n"; // before a member: the comma, the newline, the indent
    bool after_key_ = false;
    void separate();
    void open();
    JsonWriter& close(char bracket);
};

// The value of `v` passed through `f`, or nothing: for optional JSON fields
// whose value is looked up (a channel's name, a tier's name).
template <typename T, typename F>
auto map_optional(const std::optional<T>& v, F f) -> std::optional<decltype(f(*v))> {
    if (!v) return std::nullopt;
    return f(*v);
}

// A JSON string literal: the one that TOML shares (util/string_literal.hpp).
inline std::string json_escape(std::string_view s) {
    return string_literal(s);
}
// The same, appended.
inline void append_json_string(std::string& out, std::string_view s) {
    append_string_literal(out, s);
}

} // namespace touch
