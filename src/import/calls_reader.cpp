// The call-log reader, built into the readers' module (readers.hpp): SMS
// Backup & Restore's XML through expat, a chunk at a time, or a CSV export;
// numbers through libphonenumber.

#include "touch/import/calls.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <date/tz.h>
#include <expat.h>
#include <fmt/format.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstring>
#include <set>

namespace touch {

namespace {

using Seconds = std::chrono::sys_seconds;

std::optional<std::int64_t> integer(std::string_view text) {
    text = trim(text);
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return v;
}

// "95", "1:35" or "0:01:35": seconds.
std::optional<std::int64_t> duration_seconds(std::string_view text) {
    text = trim(text);
    if (text.empty()) return 0;
    std::int64_t total = 0;
    for (std::size_t from = 0;;) {
        auto colon = text.find(':', from);
        auto part =
            integer(text.substr(from, colon == std::string_view::npos ? colon : colon - from));
        if (!part || *part < 0) return std::nullopt;
        total = total * 60 + *part;
        if (colon == std::string_view::npos) return total;
        from = colon + 1;
    }
}

// "2026-11-20T09:30", "2026-11-20 09:30:15", with "Z" or "+01:00"/"+0100"
// or without (then local in `zone`); or seconds or milliseconds since 1970.
std::optional<Seconds> parse_when(std::string_view text, const date::time_zone* zone) {
    text = trim(text);
    if (!text.empty() &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        auto v = integer(text);
        if (!v) return std::nullopt;
        return Seconds{std::chrono::seconds{text.size() >= 12 ? *v / 1000 : *v}};
    }
    if (text.size() < 16) return std::nullopt;
    auto day = parse_iso_date(text.substr(0, 10));
    if (!day || (text[10] != 'T' && text[10] != ' ' && text[10] != 't')) return std::nullopt;
    auto two = [&](std::size_t at) -> int {
        if (at + 2 > text.size() || !std::isdigit(static_cast<unsigned char>(text[at])) ||
            !std::isdigit(static_cast<unsigned char>(text[at + 1])))
            return -1;
        return (text[at] - '0') * 10 + (text[at + 1] - '0');
    };
    int h = two(11), m = text[13] == ':' ? two(14) : -1, s = 0;
    if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
    std::size_t at = 16;
    if (at < text.size() && text[at] == ':') {
        s = two(at + 1);
        if (s < 0 || s > 60) return std::nullopt;
        at += 3;
    }
    if (at < text.size() && (text[at] == '.' || text[at] == ','))
        while (++at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])))
            ;
    auto local = std::chrono::seconds{h * 3600 + m * 60 + s};
    auto rest = text.substr(at);
    if (rest.empty()) {
        date::local_seconds lt{std::chrono::seconds{day->time_since_epoch()} + local};
        if (!zone) return Seconds{lt.time_since_epoch()};
        return zone->to_sys(lt, date::choose::earliest);
    }
    if (rest == "Z" || rest == "z")
        return Seconds{std::chrono::seconds{day->time_since_epoch()} + local};
    if ((rest[0] != '+' && rest[0] != '-') || (rest.size() != 5 && rest.size() != 6))
        return std::nullopt;
    std::string compact;
    for (char c : rest.substr(1))
        if (c != ':') compact += c;
    auto offset = integer(compact);
    if (compact.size() != 4 || !offset) return std::nullopt;
    auto minutes = *offset / 100 * 60 + *offset % 100;
    auto sign = rest[0] == '-' ? -1 : 1;
    return Seconds{std::chrono::seconds{day->time_since_epoch()} + local -
                   std::chrono::minutes{sign * minutes}};
}

CallKind kind_of_word(std::string_view word) {
    auto w = to_lower(trim(word));
    static const std::array<std::pair<std::string_view, CallKind>, 24> words{{
        {"1", CallKind::incoming},        {"2", CallKind::outgoing},
        {"3", CallKind::missed},          {"4", CallKind::voicemail},
        {"5", CallKind::rejected},        {"6", CallKind::blocked},
        {"in", CallKind::incoming},       {"incoming", CallKind::incoming},
        {"inbound", CallKind::incoming},  {"received", CallKind::incoming},
        {"out", CallKind::outgoing},      {"outgoing", CallKind::outgoing},
        {"outbound", CallKind::outgoing}, {"dialed", CallKind::outgoing},
        {"dialled", CallKind::outgoing},  {"placed", CallKind::outgoing},
        {"missed", CallKind::missed},     {"no answer", CallKind::missed},
        {"unanswered", CallKind::missed}, {"voicemail", CallKind::voicemail},
        {"rejected", CallKind::rejected}, {"declined", CallKind::rejected},
        {"blocked", CallKind::blocked},   {"busy", CallKind::missed},
    }};
    for (auto& [name, kind] : words)
        if (w == name) return kind;
    return CallKind::other;
}

// The column a CSV header names, by its usual names (ignoring case, spaces,
// "_" and "-").
enum class Column : std::uint8_t { date, number, direction, duration, name, none };

Column column_named(std::string_view header) {
    std::string key;
    for (char c : to_lower(trim(header)))
        if (c != ' ' && c != '_' && c != '-' && c != '"') key += c;
    auto any = [&](std::initializer_list<std::string_view> names) {
        return std::find(names.begin(), names.end(), key) != names.end();
    };
    if (any({"date", "time", "datetime", "date/time", "start", "starttime", "startdate",
             "timestamp", "calldate", "calltime", "when"}))
        return Column::date;
    if (any({"number", "phone", "phonenumber", "tel", "telephone", "remote", "remotenumber",
             "othernumber", "otherparty", "contactnumber", "callernumber", "numberdialed"}))
        return Column::number;
    if (any({"direction", "type", "calltype", "dir", "kind", "status"})) return Column::direction;
    if (any({"duration", "seconds", "durations", "duration(s)", "durationseconds", "length",
             "talktime", "billsec", "callduration"}))
        return Column::duration;
    if (any({"name", "contact", "contactname"})) return Column::name;
    return Column::none;
}

// One CSV record's fields (RFC 4180 quotes, "" inside quotes is one ").
std::vector<std::string> csv_fields(std::string_view record, char separator) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < record.size(); ++i) {
        char c = record[i];
        if (quoted) {
            if (c == '"' && i + 1 < record.size() && record[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == separator) {
            fields.emplace_back();
        } else if (c != '\r' && c != '\n') {
            fields.back() += c;
        }
    }
    return fields;
}

bool quotes_open(std::string_view text) {
    return std::count(text.begin(), text.end(), '"') % 2 == 1;
}

} // namespace

struct CallLogReader::Impl {
    std::string path;
    CallsWindow window;
    CallsResult result;
    enum class Mode : std::uint8_t { sniffing, xml, csv, stopped } mode = Mode::sniffing;
    static constexpr std::size_t longest_line = 1u << 20;
    std::string partial; // a line begun in an earlier chunk
    XML_Parser parser = nullptr;
    bool saw_root = false, root_ok = false;
    // CSV: the record being gathered (a quoted field may hold a newline).
    std::string record;
    int record_line = 0, line = 0;
    std::array<int, 5> columns{-1, -1, -1, -1, -1};
    char separator = ',';
    bool have_header = false;

    void warn(int at, std::string message) {
        result.diagnostics.push_back({path, at, 0, Severity::warning, std::move(message), {}});
    }
    void error(int at, std::string message) {
        result.diagnostics.push_back({path, at, 0, Severity::error, std::move(message), {}});
    }

    // A call with its time known: kept when its local day is in the window.
    void keep(CallRecord call, Seconds utc) {
        call.utc = utc.time_since_epoch().count();
        std::tie(call.date, call.minute) = local_day_minute(window.zone, utc);
        if (call.date < window.since || call.date > window.until) return;
        result.calls.push_back(std::move(call));
    }

    static void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
        static_cast<Impl*>(data)->element(name, attrs);
    }
    void element(std::string_view name, const XML_Char** attrs);
    void start_xml();
    void feed_xml(std::string_view chunk, bool last);
    void csv_line(std::string_view text);
    void csv_record(std::string_view text, int at);
    void csv_header(std::string_view text, int at);
};

void CallLogReader::Impl::element(std::string_view name, const XML_Char** attrs) {
    int at = static_cast<int>(XML_GetCurrentLineNumber(parser));
    if (!saw_root) {
        saw_root = true;
        root_ok = name == "calls";
        if (!root_ok)
            error(at, fmt::format("not a call-log backup: its root is <{}>, not <calls>",
                                  escape_control(name)));
        return;
    }
    if (name != "call" || !root_ok) return;
    CallRecord call;
    call.line = at;
    std::optional<Seconds> when;
    for (auto a = attrs; a[0] && a[1]; a += 2) {
        std::string_view key = a[0], value = a[1];
        if (key == "number")
            call.number = value;
        else if (key == "contact_name")
            call.name = value == "(Unknown)" ? "" : std::string(value);
        else if (key == "type")
            call.kind = kind_of_word(value);
        else if (key == "duration")
            call.duration = duration_seconds(value).value_or(0);
        else if (key == "date")
            if (auto ms = integer(value)) when = Seconds{std::chrono::seconds{*ms / 1000}};
    }
    if (!when) {
        warn(at, "this call has no date (or an unreadable one); left out");
        ++result.left_out;
        return;
    }
    keep(std::move(call), *when);
}

void CallLogReader::Impl::start_xml() {
    mode = Mode::xml;
    parser = XML_ParserCreate("UTF-8");
    XML_SetUserData(parser, this);
    XML_SetStartElementHandler(parser, &Impl::on_start);
}

void CallLogReader::Impl::feed_xml(std::string_view chunk, bool last) {
    if (!parser) return; // stopped at an error
    if (XML_Parse(parser, chunk.data(), static_cast<int>(chunk.size()), last ? 1 : 0) !=
        XML_STATUS_OK) {
        auto code = XML_GetErrorCode(parser);
        int at = static_cast<int>(XML_GetCurrentLineNumber(parser));
        error(at, code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN
                      ? "the backup is cut short (no </calls>): still being copied or synced?"
                      : fmt::format("not well-formed XML: {}", XML_ErrorString(code)));
        XML_ParserFree(parser);
        parser = nullptr;
    }
}

void CallLogReader::Impl::csv_header(std::string_view text, int at) {
    // The separator that splits the header into the most fields.
    std::size_t most = 0;
    for (char sep : {',', ';', '\t'}) {
        auto n = csv_fields(text, sep).size();
        if (n > most) most = n, separator = sep;
    }
    auto fields = csv_fields(text, separator);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        auto c = column_named(fields[i]);
        if (c != Column::none && columns[static_cast<std::size_t>(c)] < 0)
            columns[static_cast<std::size_t>(c)] = static_cast<int>(i);
    }
    have_header = true;
    std::vector<std::string> missing;
    const std::array<std::string_view, 4> names{"date", "number", "direction", "duration"};
    for (std::size_t i = 0; i < names.size(); ++i)
        if (columns[i] < 0) missing.emplace_back(names[i]);
    if (!missing.empty())
        error(at, fmt::format("not a call log: the CSV header names no {} column",
                              join_words(missing, " and no ")));
}

void CallLogReader::Impl::csv_record(std::string_view text, int at) {
    if (trim(text).empty()) return;
    if (!have_header) return csv_header(text, at);
    if (has_errors(result.diagnostics)) return;
    auto fields = csv_fields(text, separator);
    auto field = [&](Column c) -> std::string_view {
        auto i = columns[static_cast<std::size_t>(c)];
        return i >= 0 && static_cast<std::size_t>(i) < fields.size()
                   ? fields[static_cast<std::size_t>(i)]
                   : std::string_view{};
    };
    CallRecord call;
    call.line = at;
    call.number = trim(field(Column::number));
    call.name = trim(field(Column::name));
    call.kind = kind_of_word(field(Column::direction));
    auto seconds = duration_seconds(field(Column::duration));
    call.duration = seconds.value_or(0);
    auto when = parse_when(field(Column::date), window.zone);
    if (!when) {
        warn(at, fmt::format("'{}' is not a date and time; this call is left out",
                             escape_control(field(Column::date))));
        ++result.left_out;
        return;
    }
    keep(std::move(call), *when);
}

void CallLogReader::Impl::csv_line(std::string_view text) {
    ++line;
    if (record.empty()) record_line = line;
    record += text;
    // A quoted field goes on on the next line, up to a bound.
    if (quotes_open(record) && record.size() <= longest_line) return;
    csv_record(record, record_line);
    record.clear();
}

CallLogReader::CallLogReader(std::string_view path, const CallsWindow& window)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    impl_->window = window;
}

CallLogReader::~CallLogReader() {
    if (impl_->parser) XML_ParserFree(impl_->parser);
}

void CallLogReader::feed(std::string_view chunk) {
    auto& i = *impl_;
    if (i.mode == Impl::Mode::sniffing) {
        auto first = chunk.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
        if (first == std::string_view::npos) return;
        if (chunk[first] == '<')
            i.start_xml();
        else
            i.mode = Impl::Mode::csv;
    }
    if (i.mode == Impl::Mode::xml) return i.feed_xml(chunk, false);
    if (i.mode == Impl::Mode::stopped) return;
    // CSV: whole lines; a line begun in this chunk waits for the next.
    for (std::size_t from = 0; from < chunk.size();) {
        auto nl = chunk.find('\n', from);
        if (nl == std::string_view::npos) {
            i.partial += chunk.substr(from);
            if (i.partial.size() > Impl::longest_line) {
                i.error(i.line + 1, "a line longer than 1 MiB: not a call log");
                i.mode = Impl::Mode::stopped;
            }
            return;
        }
        auto piece = chunk.substr(from, nl + 1 - from);
        if (i.partial.empty()) {
            i.csv_line(piece);
        } else {
            i.partial += piece;
            i.csv_line(i.partial);
            i.partial.clear();
        }
        from = nl + 1;
    }
}

void CallLogReader::finish() {
    auto& i = *impl_;
    if (i.mode == Impl::Mode::sniffing) {
        i.error(0, "empty: not a call log");
        return;
    }
    if (i.mode == Impl::Mode::xml) {
        i.feed_xml({}, true);
        if (!has_errors(i.result.diagnostics) && !i.saw_root)
            i.error(0, "no <calls> found: not a call-log backup");
        return;
    }
    if (i.mode == Impl::Mode::stopped) return;
    if (!i.partial.empty()) i.csv_line(i.partial);
    if (!i.record.empty()) {
        if (quotes_open(i.record))
            i.error(i.record_line, "a quoted field has no closing quote: the file is cut short");
        else
            i.csv_record(i.record, i.record_line);
    }
    if (!i.have_header) i.error(0, "empty: not a call log");
}

CallsResult& CallLogReader::result() {
    return impl_->result;
}

CallsResult read_calls(std::string_view bytes, std::string_view path, const CallsWindow& window) {
    CallLogReader reader(path, window);
    // Small chunks, so that a record cut between two of them is read too.
    for (std::size_t at = 0; at < bytes.size(); at += 4096)
        reader.feed(bytes.substr(at, 4096));
    reader.finish();
    return std::move(reader.result());
}

PhoneNumbers::PhoneNumbers(std::string region)
    : region_(region.empty() ? "ZZ" : std::move(region)) {}

bool PhoneNumbers::known_region(std::string_view region) {
    std::set<std::string> regions;
    i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
    return regions.count(std::string(region)) > 0;
}

std::optional<std::string> PhoneNumbers::e164(std::string_view number) const {
    using i18n::phonenumbers::PhoneNumberUtil;
    auto* util = PhoneNumberUtil::GetInstance();
    i18n::phonenumbers::PhoneNumber parsed;
    if (util->Parse(std::string(number), region_, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR)
        return std::nullopt;
    std::string out;
    util->Format(parsed, PhoneNumberUtil::E164, &out);
    return out;
}

} // namespace touch
