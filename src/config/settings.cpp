// [settings]: the time zone, workdays, mail and log settings, birthdays.

#include "sections.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/mail.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace touch::config_detail {

namespace {

void load_timezone(Reader& reader, const toml::node& node) {
    auto v = reader.string_value(node, "timezone");
    if (!v) return;
    auto& s = reader.config().settings;
    if (v->empty())
        reader.error(node.source(), "'timezone' is empty", "use an IANA name such as Europe/Paris");
    else
        s.timezone = *v;
    s.timezone_line = static_cast<int>(node.source().begin.line);
    s.timezone_col = static_cast<int>(node.source().begin.column);
}

// Each item names a day by its first three letters ("mon", "Monday").
void load_workdays(Reader& reader, const toml::node& node) {
    std::array<bool, 7> days{};
    bool bad_item = false;
    auto* array = node.as_array();
    if (!array) {
        reader.error(node.source(), "'workdays' must be an array such as [\"mon\", \"tue\"]");
        return;
    }
    for (auto& item : *array) {
        auto v = reader.string_value(item, "workdays");
        if (!v) {
            bad_item = true;
            continue;
        }
        auto word = to_lower(*v);
        bool found = false;
        for (std::size_t i = 0; i < weekday_names.size(); ++i)
            if (word.size() >= 3 && word.substr(0, 3) == weekday_names[i].substr(0, 3))
                days[i] = found = true;
        if (!found) {
            bad_item = true;
            reader.error(item.source(), fmt::format("'{}' is not a weekday", *v),
                         "use mon, tue, wed, thu, fri, sat or sun");
        }
    }
    if (bad_item) return;
    if (std::none_of(days.begin(), days.end(), [](bool b) { return b; })) {
        reader.error(node.source(), "'workdays' names no day");
        return;
    }
    reader.config().settings.workdays = days;
}

void load_owner(Reader& reader, const toml::node& node) {
    auto v = reader.string_value(node, "owner");
    if (!v) return;
    if (parse_mailbox(*v))
        reader.config().settings.owner = *v;
    else
        reader.error(node.source(), "'owner' is not an email address",
                     "owner = \"Your Name <you@example.com>\", on one line");
}

// `"msmtp -t"` as the array it likely means: ["msmtp", "-t"].
std::string as_argv_example(std::string_view command) {
    std::vector<std::string> words;
    for (std::size_t pos = 0; pos < command.size();) {
        auto start = command.find_first_not_of(" \t", pos);
        if (start == std::string_view::npos) break;
        auto end = std::min(command.find_first_of(" \t", start), command.size());
        std::string word;
        for (char c : command.substr(start, end - start)) {
            if (c == '"' || c == '\\') word += '\\';
            word += c;
        }
        words.push_back("\"" + word + "\"");
        pos = end;
    }
    if (words.empty()) return "[\"/usr/sbin/sendmail\", \"-t\", \"-i\"]";
    std::string out = "[";
    for (std::size_t i = 0; i < words.size(); ++i)
        out += (i ? ", " : "") + words[i];
    return out + "]";
}

void load_sendmail(Reader& reader, const toml::node& node) {
    if (auto* command = node.as_string()) {
        // One error, not "not an array" and then "names no program".
        reader.error(node.source(), "'sendmail' must be an array of strings, not a string",
                     fmt::format("sendmail = {}: it is run without a shell",
                                 as_argv_example(command->get())));
        return;
    }
    auto argv = reader.string_list(node, "sendmail");
    if (argv.empty() || argv[0].empty())
        reader.error(node.source(), "'sendmail' must name a program",
                     "for example [\"/usr/sbin/sendmail\", \"-t\", \"-i\"]");
    else
        reader.config().settings.sendmail = argv;
}

// Two letters, as ISO 3166 writes a country ("DE", "us"); whether the phone
// library knows it is the calls importer's question.
void load_region(Reader& reader, const toml::node& node) {
    auto v = reader.string_value(node, "region");
    if (!v) return;
    auto upper = to_lower(*v);
    for (auto& c : upper)
        c = static_cast<char>(c - 'a' + 'A');
    bool letters = v->size() == 2 && std::all_of(v->begin(), v->end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                   });
    if (letters)
        reader.config().settings.region = upper;
    else
        reader.error(node.source(),
                     fmt::format("'region' must be a two-letter country code, not "
                                 "'{}'",
                                 escape_control(*v)),
                     "for example region = \"DE\" (how phone numbers without a country code "
                     "are read)");
}

void load_log(Reader& reader, const toml::node& node) {
    auto v = reader.string_value(node, "log");
    if (!v) return;
    if (v->empty())
        reader.error(node.source(), "'log' is empty");
    else
        reader.config().settings.log = *v;
}

void load_birthday(Reader& reader, const toml::node& node) {
    auto* b = reader.as_table(node, "'birthday'");
    if (!b) return;
    auto& s = reader.config().settings;
    reader.check_keys(*b, {"channel", "lead"}, "settings.birthday");
    if (auto* c = b->get("channel"))
        if (auto ch = reader.channel_value(*c, "birthday.channel")) s.birthday_channel = *ch;
    if (auto* l = b->get("lead"))
        if (auto every = reader.interval_value(*l, "birthday.lead")) {
            if (every->is_off())
                reader.error(l->source(), "'birthday.lead' cannot be off");
            else
                s.birthday_lead = *every;
        }
}

// MM-DD, checked against a leap year so that 02-29 is allowed.
std::optional<date::month_day> month_day_of(std::string_view text) {
    if (text.size() != 5 || text[2] != '-') return std::nullopt;
    auto day = parse_iso_date("2000-" + std::string(text));
    if (!day) return std::nullopt;
    date::year_month_day ymd{*day};
    return date::month_day{ymd.month(), ymd.day()};
}

// "12-25" or "12-24..12-26" (every year), "2026-12-24" or "2026-12-24..2027-01-01"; a TOML
// date is one day too.
std::optional<HolidaySpec> holiday_value(Reader& reader, const toml::node& item) {
    if (item.is_date())
        if (auto day = reader.date_value(item, "holidays"))
            return HolidaySpec{std::nullopt, std::nullopt, *day, *day};
    auto* s = item.as_string();
    if (!s) {
        if (!item.is_date())
            reader.error(
                item.source(),
                fmt::format("'holidays' lists strings such as \"12-25\", not {}", type_name(item)));
        return std::nullopt;
    }
    std::string_view text = s->get();
    HolidaySpec spec;
    if (auto dots = text.find(".."); dots != std::string_view::npos) {
        auto first = month_day_of(text.substr(0, dots)), last = month_day_of(text.substr(dots + 2));
        // Every year from one day to another; a range such as 12-30..01-02
        // goes over New Year rather than being backwards.
        if (first && last) return HolidaySpec{first, last, {}, {}};
        auto from = parse_iso_date(text.substr(0, dots)),
             to = parse_iso_date(text.substr(dots + 2));
        if (from && to && *from > *to) {
            reader.error(item.source(), fmt::format("holiday '{}' ends before it begins", text));
            return std::nullopt;
        }
        if (from && to) return HolidaySpec{std::nullopt, std::nullopt, *from, *to};
    } else if (auto every = month_day_of(text)) {
        spec.every_year = every;
        return spec;
    } else if (auto day = parse_iso_date(text)) {
        return HolidaySpec{std::nullopt, std::nullopt, *day, *day};
    }
    auto meant = dotted_date_meant(text);
    reader.error(item.source(), fmt::format("'{}' is not a holiday", text),
                 meant.empty() ? "write MM-DD for every year, YYYY-MM-DD, or FROM..TO such as "
                                 "2026-12-24..2027-01-01"
                               : fmt::format("did you mean \"{}\"?", meant));
    return std::nullopt;
}

void load_holidays(Reader& reader, const toml::node& node) {
    auto* array = node.as_array();
    if (!array) {
        reader.error(node.source(), fmt::format("'holidays' must be an array such as [\"12-25\", "
                                                "\"2026-12-24..2027-01-01\"], not {}",
                                                type_name(node)));
        return;
    }
    auto& holidays = reader.config().settings.holidays;
    for (auto& item : *array)
        if (auto spec = holiday_value(reader, item)) holidays.push_back(*spec);
}

} // namespace

void load_settings(Reader& reader, const toml::table& t) {
    reader.check_keys(t,
                      {"timezone", "workdays", "default_channel", "owner", "sendmail",
                       "sendmail_timeout", "log", "birthday", "holidays", "per_day", "region"},
                      "settings");
    if (auto* n = t.get("timezone")) load_timezone(reader, *n);
    if (auto* n = t.get("workdays")) load_workdays(reader, *n);
    if (auto* n = t.get("default_channel"))
        if (auto ch = reader.channel_value(*n, "default_channel"))
            reader.config().settings.default_channel = *ch;
    if (auto* n = t.get("owner")) load_owner(reader, *n);
    if (auto* n = t.get("sendmail")) load_sendmail(reader, *n);
    if (auto* n = t.get("sendmail_timeout"))
        if (auto seconds = reader.positive_integer(*n, "sendmail_timeout"))
            reader.config().settings.sendmail_timeout = *seconds;
    if (auto* n = t.get("log")) load_log(reader, *n);
    if (auto* n = t.get("region")) load_region(reader, *n);
    if (auto* n = t.get("birthday")) load_birthday(reader, *n);
    if (auto* n = t.get("holidays")) load_holidays(reader, *n);
    if (auto* n = t.get("per_day"))
        reader.config().settings.per_day = reader.positive_integer(*n, "per_day");
}

} // namespace touch::config_detail

namespace touch {

bool HolidaySpec::covers(Date d) const {
    if (every_year) {
        date::year_month_day ymd{d};
        date::month_day day{ymd.month(), ymd.day()};
        if (!every_year_to) return day == *every_year;
        if (*every_year <= *every_year_to) return *every_year <= day && day <= *every_year_to;
        return day >= *every_year || day <= *every_year_to;
    }
    return from <= d && d <= to;
}

bool Config::is_holiday(Date d) const {
    return std::any_of(settings.holidays.begin(), settings.holidays.end(),
                       [d](const HolidaySpec& h) { return h.covers(d); });
}

bool Config::is_workday(Date d) const {
    return settings.workdays[weekday_index(d)] && !is_holiday(d);
}

} // namespace touch
