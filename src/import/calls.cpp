// Calls as touches: the markers and the mapping, free of the libraries the
// reader uses (calls_reader.cpp, in the readers' module).

#include "touch/import/calls.hpp"

#include "touch/util/text.hpp"

#include <fmt/format.h>

namespace touch {

std::string call_marker(std::string_view e164, std::int64_t utc) {
    return import_marker("call", fmt::format("{}\n{}", e164, utc));
}

namespace {

std::string_view why_not(CallKind kind) {
    switch (kind) {
    case CallKind::missed:
        return "a missed call";
    case CallKind::voicemail:
        return "a voicemail";
    case CallKind::rejected:
        return "a rejected call";
    case CallKind::blocked:
        return "a blocked call";
    case CallKind::other:
        return "neither incoming nor outgoing";
    default:
        return "";
    }
}

std::string call_note(const CallRecord& c) {
    auto length = c.duration < 60 ? fmt::format("{} s", c.duration)
                                  : fmt::format("{} min", (c.duration + 30) / 60);
    return fmt::format("{} call, {}", c.kind == CallKind::incoming ? "incoming" : "outgoing",
                       length);
}

} // namespace

std::vector<FoundTouch> call_touches(const std::vector<CallRecord>& calls, const Config& config,
                                     const ClientMatcher& matcher, const NormalisePhone& e164,
                                     std::string_view path, std::vector<LeftOut>& left_out) {
    std::vector<FoundTouch> found;
    auto call_channel = config.find_channel("call").value_or(ChannelId{1});
    for (auto& c : calls) {
        auto source = fmt::format("{}:{}", path, c.line);
        auto what = fmt::format("{} {}", escape_control(c.number), escape_control(c.name));
        auto leave = [&](std::string reason) {
            left_out.push_back({source, c.date, std::string(trim(what)), std::move(reason)});
        };
        if (c.kind != CallKind::incoming && c.kind != CallKind::outgoing) {
            leave(std::string(why_not(c.kind)));
            continue;
        }
        if (c.duration <= 0) {
            leave("not answered (no duration)");
            continue;
        }
        auto number = e164(c.number);
        if (!number) {
            leave("a number that cannot be read (settings.region says how to read national ones)");
            continue;
        }
        auto clients = matcher.by_phone(*number);
        if (clients.empty()) {
            leave("no client has this number");
            continue;
        }
        found.push_back({c.date, c.minute, std::move(clients), call_channel, call_note(c),
                         call_marker(*number, c.utc), std::move(source)});
    }
    return found;
}

} // namespace touch
