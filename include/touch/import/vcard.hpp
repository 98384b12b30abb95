// The vCard reader: vCard 2.1, 3.0 and 4.0 as phones, mail clients and
// CardDAV servers write them, in; contacts and diagnostics out. Pure: bytes
// in, no files (character sets go through the C library's iconv). What
// becomes of the contacts is contacts.hpp's.
#pragma once

#include "touch/core/diagnostic.hpp"
#include "touch/import/contacts.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace touch {

struct VcardResult {
    std::vector<ImportedContact> contacts;
    Diagnostics diagnostics; // errors only when nothing could be read at all
};

// Reads every card in `bytes` (any line ending, UTF-8 or UTF-16 with a BOM,
// CHARSET honoured, nested 2.1 cards). A bad line or card is a warning and
// the other cards are still read.
VcardResult parse_vcards(std::string_view bytes, std::string_view path);

} // namespace touch
