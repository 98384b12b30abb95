// The vCard reader: vCard 2.1, 3.0 and 4.0 as phones, mail clients and
// CardDAV servers write them, in; contacts and diagnostics out. Pure: bytes
// in, no files (character sets go through the C library's iconv). What
// becomes of the contacts is contacts.hpp's.
#pragma once

#include "touch/core/diagnostic.hpp"
#include "touch/import/contacts.hpp"
#include "touch/log/log.hpp"

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

// A vCard file as it is read, a chunk at a time, with the values no client
// needs (PHOTO, LOGO, SOUND, KEY: a phone's export is mostly photos) left
// out as they stream by, each of their lines kept as an empty one so that
// every other line keeps its number. What is kept is what parse_vcards
// reads; a file in UTF-16 passes through whole.
class VcardWithoutBinaries final : public ChunkSink {
public:
    void feed(std::string_view chunk) override;
    void finish() override;
    const std::string& text() const { return text_; }
    // What is kept stops growing past `limit` bytes: the file is then too
    // large to be contacts, and memory stays bounded whatever it holds.
    static constexpr std::size_t limit = 64u << 20;
    bool too_large() const { return too_large_; }

private:
    std::string text_;
    std::string partial_; // a line begun in an earlier chunk
    bool dropping_ = false;
    bool too_large_ = false;
    void line(std::string_view line); // newline included, when it has one
};

} // namespace touch
