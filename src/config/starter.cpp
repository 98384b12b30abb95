// The commented clients file that `touch init` writes.

#include "touch/config/config.hpp"

namespace touch {

std::string_view starter_clients_file() {
    return R"toml(# touch: the clients you keep in personal touch with.
# Every key is described in touch(5); `touch check` validates this file.

[settings]
# timezone = "Europe/London"        # defines "today"; default: the system's zone
# workdays = ["mon", "tue", "wed", "thu", "fri"]
# default_channel = "call"          # for an `any` cadence when a client states no preference
# owner = "Your Name <you@example.com>"   # From: and To: of `touch remind`
# birthday = { channel = "note", lead = "7d" }
# holidays = ["12-25", "01-01", "2026-12-24..2027-01-01"]   # never planned on
# per_day = 8                       # at most this many touches a day, all channels together

# [channels]                        # built in: visit, call, note, email, text
# visit = { covers = ["call"], per_day = 2 }    # a visit also counts as a call
# note  = { label = "handwritten note", per_day = 3 }
# lunch = { personal = true, covers = ["call"] }   # a new channel says whether it is personal

# [people.pat]                      # the team; a client's `team` names who looks after it
# name  = "Pat Doe"
# email = "pat@example.com"

[cadence]                           # defaults for every client
any = "3w"                          # some personal contact every three weeks
# visit = "quarterly"

# [tiers.gold]
# cadence = { call = "2w", visit = "4/y" }

# [[rules]]
# after  = "visit"
# then   = "note"
# within = "3d"
# reason = "thank-you note"

# [[clients]]
# id       = "acme"
# name     = "Acme Corp (Dana Lee)"
# prefers  = ["visit", "call"]
# avoid    = ["text"]
# phone    = "+1 555 0100"
# address  = "1 Main St, Brooklyn NY"
# birthday = "1976-03-14"             # or "03-14"; with a year, reports say the age it turns
# since    = 2026-01-15               # the day the relationship began: a cadence never kept
#                                     # is owed from then (without it, from the log's first line)
#
# Starting out? Log the last real touch you remember of each client, so that
# nothing reads as owed since the day you began:
#   touch log acme visit -d 2026-09-30 "lunch at their office"
)toml";
}

} // namespace touch
