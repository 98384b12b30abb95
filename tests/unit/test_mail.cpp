#include "touch/util/mail.hpp"

#include <doctest/doctest.h>

using namespace touch;

TEST_CASE("mailboxes") {
    auto m = parse_mailbox("Pat Doe <pat@example.com>");
    REQUIRE(m);
    CHECK(m->name == "Pat Doe");
    CHECK(m->address == "pat@example.com");
    CHECK(parse_mailbox("pat@example.com")->name.empty());
    CHECK(parse_mailbox("\"Doe, Pat\" <pat@example.com>")->name == "Doe, Pat");
    CHECK_FALSE(parse_mailbox("not an address"));
    CHECK_FALSE(parse_mailbox("Pat <pat@example.com>\r\nBcc: x@example.com"));
    CHECK_FALSE(parse_mailbox("Pat <p at@example.com>"));
    CHECK(format_mailbox({"Doe, Pat", "p@x.example"}) == "\"Doe, Pat\" <p@x.example>");
    CHECK(format_mailbox({"Zoë", "z@x.example"}) == "=?UTF-8?B?Wm/Dqw==?= <z@x.example>");
    // A control character made a space leaves no comma or '@' bare.
    CHECK(format_mailbox({"Lee\t, spy@attacker.example,", "lee@example.com"}) ==
          "\"Lee , spy@attacker.example,\" <lee@example.com>");
    CHECK(format_mailbox({"\t", "lee@example.com"}) == "lee@example.com");
}

TEST_CASE("no input can add a header") {
    CHECK(header_safe("Acme\r\nBcc: victim@example.com") == "Acme  Bcc: victim@example.com");
    Reminder r{{"Pat", "pat@example.com"},
               {"Pat", "pat@example.com"},
               "1 due: Evil\r\nBcc: victim@example.com",
               "body\r\nBcc: body@example.com\n",
               "Sun, 22 Nov 2026 07:00:00 +0000",
               "id\r\nX-Injected: 1@host"};
    auto message = compose_message(r);
    auto headers = message.substr(0, message.find("\r\n\r\n"));
    CHECK(headers.find("\r\nBcc:") == std::string::npos);
    CHECK(headers.find("\r\nX-Injected:") == std::string::npos);
}

TEST_CASE("non-ASCII subjects are encoded words") {
    CHECK(encode_header_text("plain") == "plain");
    CHECK(encode_header_text("Zoë") == "=?UTF-8?B?Wm/Dqw==?=");
}

TEST_CASE("quoted-printable keeps lines short and bytes exact") {
    CHECK(quoted_printable("a=b\n") == "a=3Db\r\n");
    CHECK(quoted_printable("café\n") == "caf=C3=A9\r\n");
    CHECK(quoted_printable("trailing \n") == "trailing=20\r\n");
    auto long_line = quoted_printable(std::string(100, 'x') + "\n");
    CHECK(long_line == std::string(75, 'x') + "=\r\n" + std::string(25, 'x') + "\r\n");
}

TEST_CASE("a long subject folds") {
    Reminder r{{"", "p@x.example"},
               {"", "p@x.example"},
               std::string(60, 'a') + " " + std::string(30, 'b'),
               "",
               "d",
               "i"};
    auto m = compose_message(r);
    CHECK(m.find("Subject: " + std::string(60, 'a') + "\r\n " + std::string(30, 'b') + "\r\n") !=
          std::string::npos);
}

namespace {
std::size_t longest_line(std::string_view text) {
    std::size_t longest = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        auto eol = text.find("\r\n", pos);
        if (eol == std::string_view::npos) eol = text.size();
        longest = std::max(longest, eol - pos);
        pos = eol + 2;
    }
    return longest;
}
} // namespace

TEST_CASE("found by fuzzing: trailing white space at the 76th column") {
    // Encoding the trailing space made the line 77 octets long.
    auto qp = quoted_printable(std::string(75, 'x') + " \n");
    CHECK(qp == std::string(75, 'x') + "=\r\n=20\r\n");
    CHECK(longest_line(qp) <= 76);
}

TEST_CASE("found by fuzzing: a word too long to fold") {
    Reminder r{{"", "p@x.example"},
               {"", "p@x.example"},
               "1 due, first: call " + std::string(1100, 'R'),
               "",
               "d",
               "i"};
    auto m = compose_message(r);
    CHECK(m.find("Subject: =?UTF-8?B?") != std::string::npos);
    CHECK(longest_line(m) <= 998);
    // Long display names are encoded and folded too.
    r.from = {std::string(400, 'N') + " " + std::string(700, 'M'), "p@x.example"};
    m = compose_message(r);
    CHECK(longest_line(m) <= 998);
    CHECK(m.find("From: =?UTF-8?B?") != std::string::npos);
}

TEST_CASE("text that looks like an encoded-word is encoded") {
    CHECK(encode_header_text("=?UTF-8?B?Zm9v?=").starts_with("=?UTF-8?B?PT9"));
    CHECK(encode_header_text("a = b ? c") == "a = b ? c");
}

TEST_CASE("addresses longer than SMTP allows are refused") {
    CHECK(parse_mailbox(std::string(242, 'a') + "@example.com"));
    CHECK_FALSE(parse_mailbox(std::string(243, 'a') + "@example.com"));
}

TEST_CASE("the message to proofread: the headers as sent, the body as read") {
    Reminder r{{"touch", "pat@example.com"}, {"", "pat@example.com"},           "2 due",
               "Grüße = ok\nline two\n",     "Sun, 22 Nov 2026 07:00:00 +0000", "id@example"};
    auto sent = compose_message(r), shown = preview_message(r);
    auto head = sent.substr(0, sent.find("\r\n\r\n") + 4);
    CHECK(shown.rfind(head, 0) == 0);
    CHECK(shown.substr(head.size()) == "Grüße = ok\r\nline two\r\n");
    CHECK(sent.find("Gr=C3=BC=C3=9Fe =3D ok") != std::string::npos);
}
