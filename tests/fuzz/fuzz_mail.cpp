// libFuzzer: sender, recipient, subject and body from the input, split at NUL
// bytes. The composed message must be 7-bit, CRLF throughout, lines within
// RFC 5322's 998 octets and quoted-printable's 76, carry exactly the headers
// touch writes (no input may add one), and its body must decode back to the
// text it was given.
#include "touch/util/mail.hpp"

#include "check.hpp"
#include <array>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace touch;

namespace {

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    FUZZ_CHECK(c >= 'A' && c <= 'F');
    return c - 'A' + 10;
}

std::string decode_quoted_printable(std::string_view qp) {
    std::string out;
    for (std::size_t i = 0; i < qp.size(); ++i) {
        if (qp[i] == '\r') {
            FUZZ_CHECK(i + 1 < qp.size() && qp[i + 1] == '\n');
            out += '\n';
            ++i;
        } else if (qp[i] == '=') {
            FUZZ_CHECK(i + 2 < qp.size());
            if (qp[i + 1] == '\r' && qp[i + 2] == '\n') {
                i += 2;
                continue;
            }
            out += static_cast<char>(hex(qp[i + 1]) * 16 + hex(qp[i + 2]));
            i += 2;
        } else {
            out += qp[i];
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::array<std::string_view, 4> field; // from, to, subject, body
    for (std::size_t i = 0; i < field.size(); ++i) {
        auto nul = input.find('\0');
        field[i] = input.substr(0, nul);
        input = nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
    }

    Reminder r;
    for (int i = 0; i < 2; ++i) {
        auto box = parse_mailbox(field[i]);
        if (!box) box = Mailbox{"", "owner@example.com"};
        FUZZ_CHECK(box->address.find_first_of("\r\n<> ") == std::string::npos);
        (i == 0 ? r.from : r.to) = *box;
    }
    r.subject = std::string(field[2]);
    r.body = std::string(field[3]);
    r.date = "Sun, 22 Nov 2026 07:00:00 +0000";
    r.message_id = "touch.1.2@example.com";
    auto message = compose_message(r);

    for (std::size_t i = 0; i < message.size(); ++i) {
        auto c = static_cast<unsigned char>(message[i]);
        FUZZ_CHECK(c != 0 && c < 0x80);
        if (c == '\r') FUZZ_CHECK(i + 1 < message.size() && message[i + 1] == '\n');
        if (c == '\n') FUZZ_CHECK(i > 0 && message[i - 1] == '\r');
    }

    auto end = message.find("\r\n\r\n");
    FUZZ_CHECK(end != std::string::npos);
    std::string_view head(message.data(), end + 2), body(message);
    body.remove_prefix(end + 4);

    static constexpr std::array<std::string_view, 9> names = {
        "From:",          "To:",           "Subject:",      "Date:",
        "Message-ID:",    "MIME-Version:", "Content-Type:", "Content-Transfer-Encoding:",
        "Auto-Submitted:"};
    std::size_t fields = 0;
    for (std::size_t pos = 0; pos < head.size();) {
        auto eol = head.find("\r\n", pos);
        auto line = head.substr(pos, eol - pos);
        FUZZ_CHECK(line.size() <= 998);
        if (line.empty() || line[0] == ' ' || line[0] == '\t') {
            FUZZ_CHECK(fields > 0 && !line.empty());
        } else {
            FUZZ_CHECK(fields < names.size() && line.starts_with(names[fields]));
            ++fields;
        }
        pos = eol + 2;
    }
    FUZZ_CHECK(fields == names.size());

    for (std::size_t pos = 0; pos < body.size();) {
        auto eol = body.find("\r\n", pos);
        FUZZ_CHECK(eol != std::string_view::npos && eol - pos <= 76);
        pos = eol + 2;
    }
    std::string expected;
    for (char c : field[3])
        if (c != '\r') expected += c;
    if (!expected.empty() && expected.back() != '\n') expected += '\n';
    FUZZ_CHECK(decode_quoted_printable(body) == expected);
    return 0;
}
