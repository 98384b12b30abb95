#include "touch/import/calls.hpp"
#include "touch/import/mail.hpp"
#include "touch/import/touches.hpp"

#include "support.hpp"
#include <date/tz.h>

#include <doctest/doctest.h>

#include <fcntl.h>

using namespace touch;

namespace {

CallsWindow calls_window() {
    return {d("2026-11-01"), d("2026-11-22"), date::locate_zone("Europe/Berlin")};
}

MailWindow mail_window() {
    return {d("2026-11-01"), d("2026-11-22"), date::locate_zone("Europe/Berlin")};
}

Config clients() {
    return config_of(R"toml([settings]
region = "de"
[[clients]]
id = "acme"
phone = ["040 1234567", "+1 212 555 0100"]
email = ["dana@acme.example", "Info@Acme.example"]
[[clients]]
id = "bolt"
phone = "+49 30 9876543"
email = "kim@bolt.example"
)toml");
}

// 2026-11-20 09:30 in Berlin (UTC+1).
constexpr const char* nov20 = "1795163400000";

} // namespace

TEST_CASE("settings.region: two letters, kept in upper case") {
    CHECK(clients().settings.region == "DE");
    auto r = parse_config("[settings]\nregion = \"Germany\"\n", "t.toml");
    REQUIRE(has_errors(r.diagnostics));
    CHECK(r.diagnostics[0].message.find("two-letter") != std::string::npos);
}

TEST_CASE("phone numbers as E.164, national ones read in the region") {
    PhoneNumbers de("DE");
    CHECK(de.e164("040 1234567") == "+49401234567");
    CHECK(de.e164("0049 40 1234567") == "+49401234567");
    CHECK(de.e164("+49 (40) 123-4567") == "+49401234567");
    PhoneNumbers none("");
    CHECK(none.e164("+49 40 1234567") == "+49401234567");
    CHECK_FALSE(none.e164("040 1234567"));
    CHECK(PhoneNumbers::known_region("DE"));
    CHECK_FALSE(PhoneNumbers::known_region("XX"));
}

TEST_CASE("the call-log backup: dates in the zone, every type kept for the mapping") {
    std::string xml = std::string("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
                                  "<calls count=\"3\">\n") +
                      "  <call number=\"040 1234567\" duration=\"125\" date=\"" + nov20 +
                      "\" type=\"2\" contact_name=\"Dana\" />\n"
                      "  <call number=\"+4930 9876543\" duration=\"0\" date=\"" +
                      nov20 + "\" type=\"3\" />\n" +
                      "  <call number=\"040 1234567\" duration=\"60\" date=\"1700000000000\" "
                      "type=\"1\" />\n</calls>\n";
    auto r = read_calls(xml, "calls.xml", calls_window());
    CHECK(r.diagnostics.empty());
    REQUIRE(r.calls.size() == 2); // the third is from 2023, before the window
    CHECK(r.calls[0].date == d("2026-11-20"));
    CHECK(r.calls[0].minute == 9 * 60 + 30);
    CHECK(r.calls[0].kind == CallKind::outgoing);
    CHECK(r.calls[0].duration == 125);
    CHECK(r.calls[0].line == 3);
    CHECK(r.calls[1].kind == CallKind::missed);
}

TEST_CASE("a backup cut short is an error at its line") {
    std::string xml =
        std::string("<calls count=\"2\">\n  <call number=\"1\" duration=\"5\" date=\"") + nov20 +
        "\" type=\"1\" />\n  <call number=\"2\" dur";
    auto r = read_calls(xml, "calls.xml", calls_window());
    REQUIRE(has_errors(r.diagnostics));
    CHECK(r.diagnostics.back().line == 3);
    CHECK(read_calls("<sms/>", "x.xml", calls_window()).diagnostics[0].message.find("<calls>") !=
          std::string::npos);
}

TEST_CASE("a CSV call log: header names in any case and order, quotes, offsets") {
    auto csv = "Duration;\"Phone Number\";Type;Date\r\n"
               "95;\"040 1234567\";Outgoing;2026-11-20 09:30\r\n"
               "1:05;\"+49 30 9876543\";incoming;2026-11-21T08:00:00Z\r\n"
               "0;\"+49 30 9876543\";missed;2026-11-21T10:00:00+01:00\r\n"
               "10;\"+49 30\n9876543\";in;yesterday\r\n";
    auto r = read_calls(csv, "log.csv", calls_window());
    REQUIRE(r.calls.size() == 3);
    CHECK(r.calls[0].minute == 9 * 60 + 30);
    CHECK(r.calls[0].duration == 95);
    CHECK(r.calls[1].duration == 65);
    CHECK(r.calls[1].minute == 9 * 60); // 08:00 UTC is 09:00 in Berlin
    CHECK(r.calls[2].kind == CallKind::missed);
    CHECK(r.calls[2].minute == 10 * 60);
    REQUIRE(r.diagnostics.size() == 1); // "yesterday", on the record that began on line 5
    CHECK(r.diagnostics[0].line == 5);
    CHECK(r.diagnostics[0].severity == Severity::warning);
    auto bad = read_calls("when,who\n1,2\n", "x.csv", calls_window());
    REQUIRE(has_errors(bad.diagnostics));
    CHECK(bad.diagnostics[0].message.find("no number") != std::string::npos);
}

TEST_CASE("answered calls with a client's number are call touches; the rest is left out") {
    auto config = clients();
    ClientMatcher matcher(config);
    PhoneNumbers phones(config.settings.region);
    matcher.add_phones([&](std::string_view n) { return phones.e164(n); });
    std::string xml =
        std::string("<calls>\n") + "<call number=\"+49 40 1234567\" duration=\"125\" date=\"" +
        nov20 + "\" type=\"1\"/>\n" + "<call number=\"0309876543\" duration=\"0\" date=\"" + nov20 +
        "\" type=\"2\"/>\n" + "<call number=\"030 9876543\" duration=\"9\" date=\"" + nov20 +
        "\" type=\"5\"/>\n" + "<call number=\"089 111\" duration=\"9\" date=\"" + nov20 +
        "\" type=\"2\"/>\n</calls>\n";
    auto r = read_calls(xml, "c.xml", calls_window());
    std::vector<LeftOut> left_out;
    auto found = call_touches(
        r.calls, config, matcher, [&](std::string_view n) { return phones.e164(n); }, "c.xml",
        left_out);
    REQUIRE(found.size() == 1);
    CHECK(found[0].clients == std::vector<int>{0});
    CHECK(found[0].text == "incoming call, 2 min");
    CHECK(found[0].marker == call_marker("+49401234567", 1795163400));
    REQUIRE(left_out.size() == 3);
    CHECK(left_out[0].reason == "not answered (no duration)");
    CHECK(left_out[1].reason == "a rejected call");
    CHECK(left_out[2].reason == "no client has this number");
}

TEST_CASE("message headers: RFC 2047 names, groups, comments, folded lines, a broken Date") {
    auto r = read_message_headers("From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <Pat@Example.com>\n"
                                  "To: team: Dana <DANA@acme.example>, kim@bolt.example (Kim);,\n"
                                  "  other@elsewhere.example\n"
                                  "Subject: =?iso-8859-1?q?Gr=FC=DFe?=\n"
                                  "Date: Fri, 20 Nov 2026 09:30:00 +0100\n"
                                  "Message-ID: <abc@example.com>\n\nbody is not read\n",
                                  "m1", mail_window());
    REQUIRE(r.messages.size() == 1);
    auto& m = r.messages[0];
    CHECK(m.from == std::vector<std::string>{"pat@example.com"});
    CHECK(m.recipients == std::vector<std::string>{"dana@acme.example", "kim@bolt.example",
                                                   "other@elsewhere.example"});
    CHECK(m.subject == "Grüße");
    CHECK(m.message_id == "abc@example.com");
    CHECK(m.date == d("2026-11-20"));
    CHECK(m.minute == 9 * 60 + 30);
    auto broken = read_message_headers("From: pat@example.com\nTo: dana@acme.example\n"
                                       "Date: the day after tomorrow\n\n",
                                       "m2", mail_window());
    REQUIRE(broken.messages.size() == 1);
    CHECK_FALSE(broken.messages[0].utc);
}

TEST_CASE(
    "the owner's message to two clients is one touch for both; a client's is not the owner's") {
    auto config = clients();
    ClientMatcher matcher(config);
    std::string to;
    for (int i = 0; i < 48; ++i)
        to += "person" + std::to_string(i) + "@list.example, ";
    to += "kim@bolt.example, info@acme.example";
    auto mine = read_message_headers("From: Pat <pat@example.com>\nTo: " + to +
                                         "\nDate: Fri, 20 Nov 2026 09:30:00 +0100\n"
                                         "Message-ID: <m1@x>\nSubject: Hello\n\n",
                                     "m1", mail_window());
    auto theirs = read_message_headers("From: kim@bolt.example\nTo: pat@example.com\n"
                                       "Date: Fri, 20 Nov 2026 10:30:00 +0100\n\n",
                                       "m2", mail_window());
    std::vector<MailMessage> both{mine.messages.at(0), theirs.messages.at(0)};
    std::vector<LeftOut> left_out;
    auto found = mail_touches(both, config, matcher, {"pat@example.com"}, left_out);
    REQUIRE(found.size() == 1);
    CHECK(found[0].clients == std::vector<int>{0, 1});
    CHECK(found[0].marker == import_marker("mail", "m1@x"));
    REQUIRE(left_out.size() == 1);
    CHECK(left_out[0].reason == "from a client: not your touch");
}

TEST_CASE("an mbox, message by message; a file that is not one is an error") {
    TempDir dir;
    dir.write("box", "From pat@example.com Fri Nov 20 09:30:00 2026\n"
                     "From: pat@example.com\nTo: dana@acme.example\n"
                     "Date: Fri, 20 Nov 2026 09:30:00 +0100\nMessage-ID: <a@x>\n\nHi\n"
                     ">From here on\n\n"
                     "From pat@example.com Sat Nov 21 09:30:00 2026\n"
                     "From: pat@example.com\nTo: kim@bolt.example\n"
                     "Date: Sat, 21 Nov 2026 09:30:00 +0100\nMessage-ID: <b@x>\n\nHo\n");
    auto r = read_mbox(::open(dir.file("box").c_str(), O_RDONLY), "box", mail_window());
    CHECK(r.diagnostics.empty());
    REQUIRE(r.messages.size() == 2);
    CHECK(r.messages[1].message_id == "b@x");
    CHECK(r.messages[0].source == "box:byte 0");
    dir.write("not", "Hello\nFrom: x@y\n\n");
    auto bad = read_mbox(::open(dir.file("not").c_str(), O_RDONLY), "not", mail_window());
    REQUIRE(has_errors(bad.diagnostics));
}

TEST_CASE("a call log read a byte at a time reads as one read whole") {
    std::string csv = "date,number,direction,duration\n"
                      "2026-11-20 09:30,\"040\n1234567\",out,95\n"
                      "2026-11-21 09:30,040 1234567,in,5";
    std::string xml = std::string("<calls>\n<call number=\"1\" duration=\"5\" date=\"") + nov20 +
                      "\" type=\"1\"/>\n</calls>";
    for (auto* text : {&csv, &xml}) {
        auto whole = read_calls(*text, "f", calls_window());
        CallLogReader reader("f", calls_window());
        for (char c : *text)
            reader.feed(std::string_view(&c, 1));
        reader.finish();
        auto& bytes = reader.result();
        CHECK(bytes.diagnostics.empty());
        REQUIRE(bytes.calls.size() == whole.calls.size());
        for (std::size_t i = 0; i < whole.calls.size(); ++i) {
            CHECK(bytes.calls[i].number == whole.calls[i].number);
            CHECK(bytes.calls[i].utc == whole.calls[i].utc);
            CHECK(bytes.calls[i].line == whole.calls[i].line);
        }
    }
    CHECK(read_calls(csv, "f", calls_window()).calls.size() == 2);
    CHECK(read_calls(csv, "f", calls_window()).calls[1].line == 4);
}
