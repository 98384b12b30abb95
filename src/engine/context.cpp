#include "touch/engine/context.hpp"

#include "touch/config/config.hpp"
#include "touch/core/interval.hpp"
#include "touch/engine/obligations.hpp"
#include "touch/log/log.hpp"
#include "touch/util/text.hpp"

#include <tuple>

namespace touch {

LastNotes::LastNotes(const Config& config, Date today)
    : today_(today)
    , clients_(client_index(config))
    , notes_(config.clients.size()) {}

void LastNotes::add(const Entry& entry) {
    if (entry.date > today_ || entry.client == everyone) return;
    if (snooze_scope(entry.channel) || promise_scope(entry.channel) || skip_scope(entry.channel))
        return;
    auto note = trim(entry.note);
    if (logged_late_on(note)) note = trim(note.substr(note.find(')') + 1));
    if (note.empty()) return;
    for_each_client(entry.client, [&](std::string_view id) {
        auto client = clients_.find(id);
        if (client < 0) return;
        auto& kept = notes_[static_cast<std::size_t>(client)];
        if (kept && std::tie(kept->date, kept->minute) >= std::tie(entry.date, entry.minute))
            return;
        kept = LastNote{entry.date, entry.minute, std::string(entry.channel), std::string(note)};
    });
}

const std::optional<LastNote>& LastNotes::of(int client) const {
    return notes_[static_cast<std::size_t>(client)];
}

std::string context_line(const Config& config, const History& history, const LastNotes& notes,
                         int client) {
    std::string out;
    if (const auto& last = notes.of(client))
        out = "last " + last->channel + " " + format_date(last->date) + ": " + last->note;
    // Open promises only: one a touch has kept is said no more.
    for (const auto& ob : client_obligations(config, history, client)) {
        if (ob.kind != ObligationKind::promise || ob.promised.empty()) continue;
        if (!out.empty()) out += "; ";
        out += "promised by " + format_date(*ob.deadline) + ": " + ob.promised;
    }
    return escape_control(out);
}

} // namespace touch
