// The context of each client at a glance, for the morning answer: the note
// of its last touch (what was said last time) and the text of its open
// promises. Fed the log a line at a time; its size follows the clients file.
#pragma once

#include "touch/core/model.hpp"
#include "touch/engine/history.hpp"
#include "touch/engine/name_index.hpp"

#include <optional>
#include <string>
#include <vector>

namespace touch {

struct LastNote {
    Date date;
    int minute = -1;
    std::string channel;
    std::string note; // without the "(logged DATE)" a backfilled line begins with
};

class LastNotes {
public:
    LastNotes(const Config& config, Date today);
    // A touch with a note, on or before today, newer than the one kept.
    // Snooze, promise and skip lines are not touches; a line for several
    // clients is a note for each.
    void add(const Entry& entry);
    const std::optional<LastNote>& of(int client) const;

private:
    Date today_;
    NameIndex clients_;
    std::vector<std::optional<LastNote>> notes_;
};

// "last visit 2026-11-20: wants a new site in Q1; promised by 2026-12-11:
// send the proposal", or empty when there is nothing to say. Escaped.
std::string context_line(const Config& config, const History& history, const LastNotes& notes,
                         int client);

} // namespace touch
