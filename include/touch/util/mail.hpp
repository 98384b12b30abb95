// The reminder email: one RFC 5322 message whose body is the due report.
// Composing is pure (the date and message id are passed in); sending is the
// platform's business.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace touch {

struct Mailbox {
    std::string name;    // display name, may be empty
    std::string address; // local@domain
};

// "Pat Doe <pat@example.com>" or a bare address. Nothing when there is no
// usable address or the text holds a line break.
std::optional<Mailbox> parse_mailbox(std::string_view text);

// A header field value safe to send: CR, LF and other control characters
// become spaces, so no input can start a header of its own.
std::string header_safe(std::string_view text);

// RFC 2047 encoded-words (UTF-8, base64) when `text` is not plain ASCII.
std::string encode_header_text(std::string_view text);

// "Name <addr>" with the name quoted or encoded as needed.
std::string format_mailbox(const Mailbox& mailbox);

// Quoted-printable (RFC 2045) with CRLF line ends and soft breaks at 76.
std::string quoted_printable(std::string_view text);

struct Reminder {
    Mailbox from, to;
    std::string subject;
    std::string body;       // UTF-8 text, LF line ends
    std::string date;       // RFC 5322 date-time, e.g. "Sun, 22 Nov 2026 07:00:00 +0000"
    std::string message_id; // without angle brackets
};

// The whole message, CRLF line ends, ready for `sendmail -t -i`.
std::string compose_message(const Reminder& reminder);

// The same message to proofread (`remind --dry-run`): the headers exactly as
// sent, then the body as its reader sees it, not quoted-printable.
std::string preview_message(const Reminder& reminder);

} // namespace touch
