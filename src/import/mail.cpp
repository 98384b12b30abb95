// Messages as touches: the markers and the mapping, free of GMime, which the
// reader uses (mail_reader.cpp, in the readers' module).

#include "touch/import/mail.hpp"

#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

std::string mail_marker(const MailMessage& m) {
    if (!m.message_id.empty()) return import_marker("mail", m.message_id);
    auto from = m.from.empty() ? std::string() : m.from.front();
    return import_marker("mail", fmt::format("{}\n{}\n{}", from, m.date_header, m.subject));
}

std::vector<FoundTouch> mail_touches(const std::vector<MailMessage>& messages, const Config& config,
                                     const ClientMatcher& matcher,
                                     const std::vector<std::string>& owner,
                                     std::vector<LeftOut>& left_out) {
    std::vector<FoundTouch> found;
    auto email = config.find_channel("email").value_or(ChannelId{3});
    for (auto& m : messages) {
        auto subject = escape_control(m.subject);
        auto leave = [&](std::string reason) {
            left_out.push_back({m.source, m.date, subject, std::move(reason)});
        };
        bool mine = std::any_of(m.from.begin(), m.from.end(), [&](const std::string& a) {
            return std::find(owner.begin(), owner.end(), a) != owner.end();
        });
        if (!mine) {
            leave(matcher.by_address(m.from).empty() ? "not from you"
                                                     : "from a client: not your touch");
            continue;
        }
        auto clients = matcher.by_address(m.recipients);
        if (clients.empty()) {
            leave("no client among its recipients");
            continue;
        }
        if (!m.utc) {
            leave(fmt::format("its Date: cannot be read ('{}')", escape_control(m.date_header)));
            continue;
        }
        found.push_back(
            {m.date, m.minute, std::move(clients), email, m.subject, mail_marker(m), m.source});
    }
    return found;
}

} // namespace touch
