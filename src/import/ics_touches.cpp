// Calendar events as touches: who (the shared matching step) and by which
// channel ([import.ics]).

#include "touch/import/ics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

namespace {

// The channel whose word comes first in the summary; else online or not.
ChannelId channel_of(const IcsEvent& e, const CalendarImport& calendar) {
    std::size_t best = std::string_view::npos;
    std::optional<ChannelId> chosen;
    for (auto& w : calendar.words) {
        auto at = first_word_at(e.summary, w.words);
        if (at < best) {
            best = at;
            chosen = w.channel;
        }
    }
    if (chosen) return *chosen;
    return e.online ? calendar.online_channel : calendar.channel;
}

} // namespace

std::vector<FoundTouch> ics_touches(const std::vector<IcsEvent>& events, const Config& config,
                                    const ClientMatcher& matcher, std::string_view path,
                                    std::vector<LeftOut>& left_out) {
    std::vector<FoundTouch> found;
    using enum CalendarImport::AllDay;
    auto all_day = config.calendar.all_day;
    for (auto& e : events) {
        auto source = fmt::format("{}:{}", path, e.line);
        auto leave = [&](std::string reason) {
            left_out.push_back({source, e.date, e.summary, std::move(reason)});
        };
        if (e.all_day && all_day == none) {
            leave("an all-day event ([import.ics] all_day = \"none\")");
            continue;
        }
        std::vector<std::string> present, declined;
        for (auto& a : e.attendees)
            (a.declined ? declined : present).push_back(a.email);
        if (!e.organizer.empty()) present.push_back(e.organizer);
        auto by_address = matcher.by_address(present);
        auto clients = by_address.empty() ? matcher.by_words(e.summary) : by_address;
        // A client who declined or delegated is not touched, however else named.
        auto refused = matcher.by_address(declined);
        std::erase_if(clients, [&](int c) {
            return std::find(refused.begin(), refused.end(), c) != refused.end() &&
                   std::find(by_address.begin(), by_address.end(), c) == by_address.end();
        });
        if (clients.empty()) {
            leave(refused.empty() ? "no client matched" : "the client declined");
            continue;
        }
        if (e.all_day && all_day == attendees && by_address.empty()) {
            leave("an all-day event with no client among its attendees");
            continue;
        }
        found.push_back({e.date, e.minute, std::move(clients), channel_of(e, config.calendar),
                         e.summary, e.marker, std::move(source)});
    }
    return found;
}

} // namespace touch
