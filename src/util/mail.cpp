#include "touch/util/mail.hpp"

#include "touch/util/text.hpp"
#include "touch/util/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

namespace {

bool is_ascii_printable(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7E) return false;
    return true;
}

std::string base64(std::string_view in) {
    static constexpr char table[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    while (i + 2 < in.size()) {
        auto n = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += table[(n >> 6) & 63];
        out += table[n & 63];
        i += 3;
    }
    if (i < in.size()) {
        unsigned n = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += i + 1 < in.size() ? table[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// Plain text goes out as it is unless it is not printable ASCII, could be
// read as an encoded-word, or has a word too long to fold.
bool needs_encoding(std::string_view safe) {
    if (!is_ascii_printable(safe) || safe.find("=?") != std::string_view::npos) return true;
    std::size_t word = 0;
    for (char c : safe) {
        word = c == ' ' ? 0 : word + 1;
        if (word > 70) return true;
    }
    return false;
}

bool valid_address(std::string_view a) {
    if (a.size() > 254) return false; // RFC 5321's limit on a path
    auto at = a.find('@');
    if (at == 0 || at == std::string_view::npos || at + 1 >= a.size()) return false;
    for (unsigned char c : a)
        if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == '"' || c == ',' || c == ';')
            return false;
    return true;
}

} // namespace

std::string header_safe(std::string_view text) {
    // sanitize_note turns every control character (CR and LF among them)
    // into a space and invalid UTF-8 into U+FFFD.
    return sanitize_note(text);
}

std::optional<Mailbox> parse_mailbox(std::string_view text) {
    if (text.find_first_of("\r\n") != std::string_view::npos) return std::nullopt;
    text = trim(text);
    auto open = text.rfind('<');
    Mailbox m;
    if (open != std::string_view::npos && !text.empty() && text.back() == '>') {
        m.address = std::string(trim(text.substr(open + 1, text.size() - open - 2)));
        auto name = trim(text.substr(0, open));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
            name = name.substr(1, name.size() - 2);
        m.name = header_safe(name);
    } else {
        m.address = std::string(text);
    }
    if (!valid_address(m.address)) return std::nullopt;
    return m;
}

std::string encode_header_text(std::string_view text) {
    auto safe = header_safe(text);
    if (!needs_encoding(safe)) return safe;
    // Encoded-words of at most 75 characters, split between UTF-8 characters.
    std::string out;
    std::size_t pos = 0;
    while (pos < safe.size()) {
        std::size_t len = utf8::cut_before(std::string_view(safe).substr(pos), 45);
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(std::string_view(safe).substr(pos, len)) + "?=";
        pos += len;
    }
    return out;
}

std::string format_mailbox(const Mailbox& mailbox) {
    // Decided on the name as it will be sent: a tab made a space must not
    // leave a comma or an '@' bare, where a mail program would read another
    // recipient.
    auto safe = header_safe(mailbox.name);
    if (safe.empty()) return mailbox.address;
    std::string name;
    if (needs_encoding(safe)) {
        name = encode_header_text(safe);
    } else if (safe.find_first_of("()<>[]:;@\\,.\"") != std::string::npos) {
        name = "\"";
        for (char c : safe) {
            if (c == '"' || c == '\\') name += '\\';
            name += c;
        }
        name += '"';
    } else {
        name = safe;
    }
    return name + " <" + mailbox.address + ">";
}

std::string quoted_printable(std::string_view text) {
    std::string out, line;
    auto flush = [&](bool hard) {
        // Trailing white space must be encoded (RFC 2045 6.7 (3)).
        if (hard && !line.empty() && (line.back() == ' ' || line.back() == '\t')) {
            auto encoded = fmt::format("={:02X}", static_cast<unsigned char>(line.back()));
            line.pop_back();
            if (line.size() + encoded.size() > 76) { // lines stay within 76 (RFC 2045 6.7 (5))
                out += line + "=\r\n";
                line.clear();
            }
            line += encoded;
        }
        out += line;
        out += hard ? "\r\n" : "=\r\n";
        line.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            flush(true);
            continue;
        }
        if (c == '\r') continue;
        std::string piece = (c == '=' || c > 126 || (c < 32 && c != '\t'))
                                ? fmt::format("={:02X}", c)
                                : std::string(1, static_cast<char>(c));
        if (line.size() + piece.size() > 75) flush(false);
        line += piece;
    }
    if (!line.empty()) flush(true);
    return out;
}

namespace {
// Header lines fold at a space before 78 columns (RFC 5322 2.2.3), or at the
// first space after when a word is longer; encode_header_text leaves no word
// long enough to push a line past 998.
std::string fold_header(std::string_view field) {
    std::string out;
    for (std::size_t start = 0;;) {
        auto eol = field.find("\r\n", start);
        auto segment = field.substr(start, eol == std::string_view::npos ? eol : eol - start);
        while (segment.size() > 78) {
            auto space = segment.rfind(' ', 77);
            if (space == std::string_view::npos || space < 10) space = segment.find(' ', 78);
            if (space == std::string_view::npos) break;
            out += segment.substr(0, space);
            out += "\r\n";
            segment.remove_prefix(space); // the space starts the continuation
        }
        out += segment;
        out += "\r\n";
        if (eol == std::string_view::npos) return out;
        start = eol + 2;
    }
}
} // namespace

namespace {

std::string message_headers(const Reminder& r) {
    std::string m;
    m += fold_header("From: " + format_mailbox(r.from));
    m += fold_header("To: " + format_mailbox(r.to));
    m += fold_header("Subject: " + encode_header_text(r.subject));
    m += "Date: " + header_safe(r.date) + "\r\n";
    m += "Message-ID: <" + header_safe(r.message_id) + ">\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=utf-8\r\n";
    m += "Content-Transfer-Encoding: quoted-printable\r\n";
    m += "Auto-Submitted: auto-generated\r\n";
    m += "\r\n";
    return m;
}

} // namespace

std::string compose_message(const Reminder& r) {
    return message_headers(r) + quoted_printable(r.body);
}

std::string preview_message(const Reminder& r) {
    std::string m = message_headers(r);
    for (std::size_t pos = 0; pos < r.body.size();) {
        auto end = std::min(r.body.find('\n', pos), r.body.size());
        m.append(r.body, pos, end - pos);
        m += "\r\n";
        pos = end + 1;
    }
    return m;
}

} // namespace touch
