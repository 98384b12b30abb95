// The double-quoted string literal that JSON (RFC 8259) and TOML basic
// strings share: the same quotes, the same escapes (\" \\ \n \t \r \uXXXX),
// so one escaper writes both, the JSON reports and the [[clients]] blocks an
// importer writes.
#pragma once

#include <string>
#include <string_view>

namespace touch {

// `s` in double quotes. Invalid UTF-8 becomes U+FFFD; control characters,
// bidirectional marks and line separators become \u escapes, so nothing in
// the document can reorder or break a line where it is shown.
std::string string_literal(std::string_view s);
// The same, appended.
void append_string_literal(std::string& out, std::string_view s);

} // namespace touch
