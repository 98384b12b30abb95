#include "touch/mail.hpp"

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
