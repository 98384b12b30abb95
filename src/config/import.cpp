// [import.ics]: how calendar events become touches (SPEC §8): the channel of
// a meeting, of one held online, the summary words that name a channel, and
// which all-day events count. [import.vcard]: the contacts never imported.

#include "sections.hpp"

#include "touch/util/text.hpp"

#include <fmt/format.h>

namespace touch::config_detail {

namespace {

// words = { call = ["call", "phone"], lunch = ["lunch"] }: replaces the
// built-in words whole, so that a word can also be taken away.
void load_words(Reader& reader, const toml::node& node) {
    auto* table = reader.as_table(node, "'import.ics.words'");
    if (!table) return;
    std::vector<CalendarImport::Words> out;
    for (auto&& [key, value] : *table) {
        auto what = fmt::format("import.ics.words.{}", key.str());
        auto channel = reader.channel_ref(key.str(), key.source(), "import.ics.words");
        auto words = reader.string_list(value, what);
        std::vector<std::string> lowered;
        for (auto& w : words) {
            auto word = to_lower(trim(w));
            if (word.empty())
                reader.error(value.source(), fmt::format("'{}' holds an empty word", what));
            else
                lowered.push_back(std::move(word));
        }
        if (channel) out.push_back({*channel, std::move(lowered)});
    }
    reader.config().calendar.words = std::move(out);
}

void load_all_day(Reader& reader, const toml::node& node) {
    auto v = reader.string_value(node, "import.ics.all_day");
    if (!v) return;
    using enum CalendarImport::AllDay;
    auto& slot = reader.config().calendar.all_day;
    if (*v == "attendees")
        slot = attendees;
    else if (*v == "all")
        slot = all;
    else if (*v == "none")
        slot = none;
    else
        reader.error(node.source(), fmt::format("'import.ics.all_day' cannot be '{}'", *v),
                     "use \"attendees\" (the default), \"all\" or \"none\"");
}

void load_ics(Reader& reader, const toml::table& t) {
    reader.check_keys(t, {"channel", "online_channel", "words", "all_day"}, "import.ics");
    auto& calendar = reader.config().calendar;
    if (auto* n = t.get("channel"))
        if (auto ch = reader.channel_value(*n, "import.ics.channel")) calendar.channel = *ch;
    if (auto* n = t.get("online_channel"))
        if (auto ch = reader.channel_value(*n, "import.ics.online_channel"))
            calendar.online_channel = *ch;
    if (auto* n = t.get("words")) load_words(reader, *n);
    if (auto* n = t.get("all_day")) load_all_day(reader, *n);
}

// ignore = ["uid", "anna-lindqvist", "old@example.com"]: contacts that
// `import vcard` leaves out for good.
void load_vcard(Reader& reader, const toml::table& t) {
    reader.check_keys(t, {"ignore"}, "import.vcard");
    if (auto* n = t.get("ignore")) {
        for (auto& item : reader.string_list(*n, "import.vcard.ignore")) {
            auto word = std::string(trim(item));
            if (word.empty())
                reader.error(n->source(), "'import.vcard.ignore' holds an empty string");
            else
                reader.config().contacts.ignore.push_back(std::move(word));
        }
    }
}

} // namespace

void load_import(Reader& reader, const toml::table& table) {
    reader.check_keys(table, {"ics", "vcard"}, "import");
    if (auto* t = reader.table_at(table, "ics")) load_ics(reader, *t);
    if (auto* t = reader.table_at(table, "vcard")) load_vcard(reader, *t);
}

} // namespace touch::config_detail
