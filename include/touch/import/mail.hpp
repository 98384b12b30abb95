// Mail in, messages' headers out: the reader (through GMime, as notmuch reads
// mail) takes one message's header block, or streams an mbox message by
// message, and gives who sent each to whom and when, as a local date and
// time in one zone; the mapping turns the owner's messages to clients into
// `email` touches by the shared matching step (touches.hpp). Headers only:
// no body is kept. Pure but for GMime's reading of an mbox's descriptor.
// The readers, which use GMime, are built into the readers' module, and the
// binary reaches them through readers.hpp; the markers and the mapping are
// the binary's own.
#pragma once

#include "touch/core/diagnostic.hpp"
#include "touch/core/model.hpp"
#include "touch/import/touches.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace touch {

struct MailMessage {
    std::string message_id;              // without <>; empty when it has none
    std::string subject;                 // decoded (RFC 2047)
    std::vector<std::string> from;       // lower-case addresses
    std::vector<std::string> recipients; // To and Cc, groups opened, lower case
    std::optional<std::int64_t> utc;     // its Date:, seconds since 1970; none when unreadable
    std::string date_header;             // as written, for saying why it was left out
    Date date{};                         // local, in the window's zone
    int minute = 0;
    std::string source; // "FILE" for a Maildir's message, "FILE:BYTE" in an mbox
};

struct MailWindow {
    Date since{};                          // the first day read, included
    Date until{};                          // the last day read, included
    const date::time_zone* zone = nullptr; // the zone dates are written in; null: UTC
};

struct MailResult {
    // Within the window, and those whose Date: cannot be read (no utc).
    std::vector<MailMessage> messages;
    Diagnostics diagnostics;
};

// The header block of one message (a Maildir file's bytes up to the first
// empty line; the body, if there, is not looked at).
MailResult read_message_headers(std::string_view bytes, std::string_view path,
                                const MailWindow& window);

// An mbox, message by message, from the open descriptor `fd` (which it
// closes): memory holds one message's headers at a time, whatever the
// file's size. A file that does not begin with a "From " line is an error.
MailResult read_mbox(int fd, std::string_view path, const MailWindow& window);

// How many bytes of a Maildir file hold its headers, at most: a message's
// headers are a few kilobytes even with fifty recipients.
inline constexpr std::size_t max_header_bytes = 256u << 10;

// The marker an imported message carries: "mail:" and 12 hex digits of the
// hash of its Message-ID (or, without one, of its sender, Date: and subject).
std::string mail_marker(const MailMessage& message);

// Messages from one of `owner` (lower-case addresses) to or cc a client's
// address, as `email` touches of those clients (one line for all of them);
// the rest in `left_out`, with why.
std::vector<FoundTouch> mail_touches(const std::vector<MailMessage>& messages, const Config& config,
                                     const ClientMatcher& matcher,
                                     const std::vector<std::string>& owner,
                                     std::vector<LeftOut>& left_out);

} // namespace touch
