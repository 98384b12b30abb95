#include "touch/config/config.hpp"
#include "touch/import/contacts.hpp"
#include "touch/import/vcard.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace touch;

namespace {

ImportedContact only(std::string_view text) {
    auto r = parse_vcards(text, "t.vcf");
    REQUIRE(r.contacts.size() == 1);
    return r.contacts[0];
}

} // namespace

TEST_CASE("any line ending: LF, CRLF, iOS's CR CR LF, CR") {
    for (std::string eol : {"\n", "\r\n", "\r\r\n", "\r"}) {
        std::string text = "BEGIN:VCARD" + eol + "VERSION:3.0" + eol + "FN:Ann Lee" + eol +
                           "TEL:+1 555" + eol + "END:VCARD" + eol;
        auto c = only(text);
        CHECK(c.name == "Ann Lee");
        CHECK(c.phone == "+1 555");
    }
}

TEST_CASE("UTF-16 with a BOM and without one") {
    std::string utf8 = "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n";
    std::string le = "\xFF\xFE", be;
    for (unsigned char c : std::string("BEGIN:VCARD\r\nFN:Zo\xEB\r\nEND:VCARD\r\n")) {
        le += static_cast<char>(c);
        le += '\0';
        be += '\0';
        be += static_cast<char>(c);
    }
    CHECK(only(le).name == "Zoë");
    CHECK(only(be).name == "Zoë");
    CHECK(only("\xEF\xBB\xBF" + utf8).name == "Zoë");
}

TEST_CASE("CHARSET through iconv; undeclared 8-bit text as windows-1252 with a warning") {
    // "安藤" in Shift_JIS.
    auto c = only(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:\x88\xC0\x93\xA1;;;;\r\nEND:VCARD\r\n");
    CHECK(c.name == "安藤");
    c = only("BEGIN:VCARD\nN;CHARSET=ISO-8859-2;ENCODING=QUOTED-PRINTABLE:Iksi=F1ski;Piotr\nEND:"
             "VCARD\n");
    CHECK(c.name == "Piotr Iksiński");
    auto r = parse_vcards("BEGIN:VCARD\nFN:S\xF8ren\nEND:VCARD\n", "t.vcf");
    REQUIRE(r.contacts.size() == 1);
    CHECK(r.contacts[0].name == "Søren");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].severity == Severity::warning);
    CHECK(r.diagnostics[0].line == 2);
}

TEST_CASE("a quoted parameter may hold ':' and ';'") {
    auto c =
        only("BEGIN:VCARD\nFN:A\nADR;GEO=\"geo:1,2\";LABEL=\"x;y:z\":;;1 Main St;Springfield;;;\n"
             "TEL;TYPE=\"INSIDE.DQUOTE\",PREF:1\nEND:VCARD\n");
    CHECK(c.city == "Springfield");
    CHECK(c.address == "1 Main St, Springfield");
    CHECK(c.phone == "1");
}

TEST_CASE("birthdays: with and without a year, Apple's placeholder year") {
    auto bday = [](std::string line) {
        return only("BEGIN:VCARD\nFN:A\n" + line + "\nEND:VCARD\n").birthday;
    };
    CHECK(bday("BDAY:1980-04-12") == "1980-04-12");
    CHECK(bday("BDAY;VALUE=DATE:19800412") == "1980-04-12");
    CHECK(bday("BDAY:1980-04-12T00:00:00Z") == "1980-04-12");
    CHECK(bday("BDAY:--0412") == "04-12");
    CHECK(bday("BDAY:--04-12") == "04-12");
    CHECK(bday("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-07") == "04-07");
    CHECK(bday("BDAY;VALUE=text:circa 1800").empty());
}

TEST_CASE("nested 2.1 cards keep their parent") {
    auto r = parse_vcards(
        "BEGIN:VCARD\nN:parent\nBEGIN:VCARD\nN:nest1\nEND:VCARD\nTEL:1\nEND:VCARD\n", "t.vcf");
    REQUIRE(r.contacts.size() == 2);
    CHECK(r.contacts[0].name == "parent");
    CHECK(r.contacts[0].phone == "1");
    CHECK(r.contacts[1].name == "nest1");
}

TEST_CASE("quoted-printable: a soft break keeps a continuation's leading space") {
    auto c = only("BEGIN:VCARD\nVERSION:2.1\nFN:A\nNOTE;ENCODING=QUOTED-PRINTABLE:come=\n "
                  "to=\n\nEND:VCARD\n");
    CHECK(c.notes == "come to");
}

TEST_CASE("one bad line is a warning; the card and the others still import") {
    auto r = parse_vcards(
        "BEGIN:VCARD\nFN\nFN:A\n# a comment\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEND:VCARD\n", "t.vcf");
    REQUIRE(r.contacts.size() == 2);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].line == 2);
    CHECK(!has_errors(r.diagnostics));
    CHECK(has_errors(parse_vcards("hello\n", "t.vcf").diagnostics));
}

TEST_CASE("2.1 text keeps its backslashes") {
    auto c = only("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A;B\\C\r\nEND:VCARD\r\n");
    CHECK(c.name == "A;B\\C");
}

TEST_CASE("the phone to call: PREF first, never a fax or a pager") {
    auto c = only("BEGIN:VCARD\nFN:A\nTEL;TYPE=FAX,PREF:1\nTEL;TYPE=PAGER:2\nTEL;TYPE=HOME:3\n"
                  "TEL;TYPE=WORK;PREF=1:4\nEMAIL:a@x\nEMAIL;TYPE=pref:b@x\nEND:VCARD\n");
    CHECK(c.phone == "4");
    CHECK(c.email == "b@x");
    c = only("BEGIN:VCARD\nFN:A\nTEL;FAX:1\nEND:VCARD\n");
    CHECK(c.phone.empty());
}

TEST_CASE("company, nicknames, categories, city, UID") {
    auto c =
        only("BEGIN:VCARD\nFN:Dana Lee\nORG:Acme Corp;Sales\nNICKNAME:Dee,DL\n"
             "CATEGORIES:gold,web\nADR:;;1 Main St;Brooklyn;NY;;\nUID:abc\nTITLE:CEO\nEND:VCARD\n");
    CHECK(c.name == "Acme Corp (Dana Lee)");
    CHECK(c.person == "Dana Lee");
    CHECK(c.aliases == std::vector<std::string>{"Dee", "DL"});
    CHECK(c.tags == std::vector<std::string>{"gold", "web"});
    CHECK(c.city == "Brooklyn");
    CHECK(c.uid == "abc");
    CHECK(c.notes == "Title: CEO");
    CHECK(only("BEGIN:VCARD\nFN:Acme\nN:;;;;\nORG:Acme\nEND:VCARD\n").name == "Acme");
}

TEST_CASE("ids: transliterated, else the email's local part, else a counter") {
    CHECK(transliterate_id("Zoë Ünal") == "zoe-unal");
    CHECK(transliterate_id("Straße Ærø") == "strasse-aero");
    CHECK(transliterate_id("Łukasz Żółć") == "lukasz-zolc");
    CHECK(transliterate_id("Ирина Шевченко") == "irina-shevchenko");
    CHECK(transliterate_id("Γιώργος 2") == "giorgos-2");
    // ELOT 743, as Greek passports write names: ου, αυ/ευ, γγ/γξ/γχ are pairs.
    CHECK(transliterate_id("Παπαδόπουλος") == "papadopoulos");
    CHECK(transliterate_id("Ευάγγελος Αυγερινός") == "evangelos-avgerinos");
    CHECK(transliterate_id("Ευθύμιος Ξενάκης") == "efthymios-xenakis");
    CHECK(transliterate_id("ΚΟΥΡΗΣ") == "kouris");
    CHECK(transliterate_id("Хрущёв Щукин") == "khrushchev-shchukin");
    CHECK(transliterate_id("O'Brien & Sons") == "obrien-sons");
    CHECK(transliterate_id("李小龍").empty());
    std::unordered_set<std::string> taken{"ann", "bob"};
    IdPicker ids(taken);
    CHECK(ids.pick("Ann", "") == "ann-2");
    CHECK(ids.pick("李小龍", "li.xiaolong@example.com") == "li-xiaolong");
    CHECK(ids.pick("李小龍", "") == "client-1");
    CHECK(ids.pick("Ann", "") == "ann-3");
    CHECK(ids.pick("Bob", "") == "bob-2");
}

TEST_CASE("id choice is linear: 20,000 names without Latin letters") {
    std::vector<ImportedContact> many(20000);
    for (auto& c : many)
        c.name = c.person = "李小龍";
    KnownClients known;
    auto start = std::chrono::steady_clock::now();
    auto out = clients_toml(many, known);
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(out.toml.find("id = \"client-20000\"") != std::string::npos);
    CHECK(seconds < 2.0);
}

TEST_CASE("output loads as clients; an id never repeats an alias; known contacts are skipped") {
    auto r = parse_vcards("BEGIN:VCARD\nFN:Dana\nNICKNAME:dee\nEMAIL:d@x\nUID:1\nEND:VCARD\n"
                          "BEGIN:VCARD\nFN:Dee\nTEL:555\nEND:VCARD\n"
                          "BEGIN:VCARD\nFN:Dana again\nUID:1\nEND:VCARD\n",
                          "t.vcf");
    KnownClients known;
    auto out = clients_toml(r.contacts, known);
    CHECK(out.skipped == 1);
    auto loaded = parse_config(out.toml, "c.toml");
    CHECK(!has_errors(loaded.diagnostics));
    REQUIRE(loaded.config.clients.size() == 2);
    CHECK(loaded.config.clients[0].vcard_uid == "1");
    CHECK(loaded.config.clients[0].aliases == std::vector<std::string>{"dee"});
    CHECK(loaded.config.clients[1].id == "dee-2");
    KnownClients again;
    for (auto& c : loaded.config.clients)
        again.add(c);
    CHECK(clients_toml(r.contacts, again).toml.empty());
}

TEST_CASE("a phone with no digits is known again by its text") {
    auto r = parse_vcards("BEGIN:VCARD\nFN:A\nTEL:ask Jenny\nEND:VCARD\n", "t.vcf");
    KnownClients known;
    auto out = clients_toml(r.contacts, known);
    auto loaded = parse_config(out.toml, "c.toml");
    KnownClients again;
    for (auto& c : loaded.config.clients)
        again.add(c);
    CHECK(clients_toml(r.contacts, again).skipped == 1);
}

TEST_CASE("a vCard file streams with its photos left out and its line numbers kept") {
    VcardWithoutBinaries reader;
    std::string card = "BEGIN:VCARD\r\nFN:Anna\r\nPHOTO;ENCODING=b:AAAA\r\n BBBB\r\n\tCCCC\r\n"
                       "item1.LOGO:DDDD\r\nNOTE:keeps\r\n it\r\nEND:VCARD";
    // Fed in pieces that cut lines anywhere.
    for (std::size_t i = 0; i < card.size(); i += 7)
        reader.feed(std::string_view(card).substr(i, 7));
    reader.finish();
    CHECK(reader.text() == "BEGIN:VCARD\r\nFN:Anna\r\n\n\n\n\nNOTE:keeps\r\n it\r\nEND:VCARD");
    CHECK_FALSE(reader.too_large());
    auto result = parse_vcards(reader.text(), "a.vcf");
    REQUIRE(result.contacts.size() == 1);
    CHECK(result.contacts[0].name == "Anna");
}

TEST_CASE("a returning contact: by UID, email, phone, then name, and which client it resembles") {
    auto r = parse_config("[[clients]]\nid = \"anna\"\nname = \"Anna Lindqvist\"\nemail = "
                          "\"anna@old.example\"\nphone = \"+46 8 123 456\"\nvcard_uid = \"u1\"\n",
                          "c.toml");
    KnownClients known;
    known.add(r.config.clients[0]);
    ImportedContact c;
    c.name = c.person = "Anna Lindqvist";
    c.uid = "u1";
    CHECK(known.match(c)->by == MatchedBy::uid);
    c.uid = "u2";
    c.emails = {"ANNA@old.example"};
    CHECK(known.match(c)->by == MatchedBy::email);
    c.emails = {"anna@new.example"};
    c.email = "anna@new.example";
    c.phones = {"+46 (8) 123-456"};
    CHECK(known.match(c)->by == MatchedBy::phone);
    CHECK(known.match(c)->id == "anna");
    c.phones = {"+46 8 999"};
    CHECK(known.match(c)->by == MatchedBy::name);
    auto out = clients_toml({c}, known);
    CHECK(out.toml.empty());
    REQUIRE(out.resembling.size() == 1);
    CHECK(out.resembling[0].match.id == "anna");
    c.name = c.person = "Someone Else";
    CHECK(!known.match(c));
    CHECK(!clients_toml({c}, known).toml.empty());
    known.ignore("anna@NEW.example");
    CHECK(clients_toml({c}, known).ignored == 1);
}

TEST_CASE("a fax is never a phone to call, however its type is written, and its note says fax") {
    for (auto* tel : {"TEL;type=WORK;type=FAX:+1 2", "TEL;TYPE=WORK,FAX:+1 2", "TEL;TYPE=fax:+1 2",
                      "TEL;TYPE=workfax:+1 2"}) {
        auto r = parse_vcards(std::string("BEGIN:VCARD\nVERSION:3.0\nFN:A\nTEL;TYPE=CELL:+1 1\n") +
                                  tel + "\nEND:VCARD\n",
                              "t.vcf");
        REQUIRE(r.contacts.size() == 1);
        CHECK_MESSAGE(r.contacts[0].phone == "+1 1", tel);
        CHECK_MESSAGE(r.contacts[0].notes == "Also: fax +1 2", tel);
        CHECK(r.contacts[0].more_phones.empty());
    }
}

TEST_CASE("an address as its country writes it, else in the card's order") {
    auto address = [](const char* adr) {
        auto r = parse_vcards(
            std::string("BEGIN:VCARD\nVERSION:3.0\nFN:A\nADR:") + adr + "\nEND:VCARD\n", "t.vcf");
        return r.contacts.at(0).address;
    };
    CHECK(address(";;Hauptstr. 1;Hamburg;;20095;Germany") == "Hauptstr. 1, 20095 Hamburg, Germany");
    CHECK(address(";;Rue X 2;Paris;;75001;FR") == "Rue X 2, 75001 Paris, FR");
    CHECK(address(";;Damrak 1;Amsterdam;;1012 LG;Nederland") ==
          "Damrak 1, 1012 LG Amsterdam, Nederland");
    CHECK(address(";;1 Main St;Brooklyn;NY;11201;USA") == "1 Main St, Brooklyn NY 11201, USA");
    CHECK(address(";;Via Roma 1;Milano;MI;20121;Italia") ==
          "Via Roma 1, Milano, MI, 20121, Italia");
    CHECK(address(";;Hauptstr. 1;Hamburg;;20095;") == "Hauptstr. 1, Hamburg, 20095");
}

TEST_CASE("N without FN is given, middle and family names; a 2.1 FN unescapes both escapes") {
    auto r = parse_vcards("BEGIN:VCARD\nVERSION:3.0\nN:F;G;M;;\nEND:VCARD\n"
                          "BEGIN:VCARD\nVERSION:2.1\nFN:A;B\\C\\;D:E\\\\\nEND:VCARD\n",
                          "t.vcf");
    REQUIRE(r.contacts.size() == 2);
    CHECK(r.contacts[0].name == "G M F");
    CHECK(r.contacts[1].name == "A;B\\C;D:E\\");
}
