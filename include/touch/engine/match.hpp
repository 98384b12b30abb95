// Which client a word typed on the command line means. Pure: the clients
// file in, the answer (one client, several, or close guesses) out.
#pragma once

#include "touch/core/model.hpp"

#include <string_view>
#include <vector>

namespace touch {

struct ClientMatch {
    int client = -1;            // the one client meant, or -1
    std::vector<int> ambiguous; // several match equally well
    std::vector<int> close;     // none matches: these are spelled alike
};

// In this order, the first step that finds anything decides: an exact id;
// an exact alias or name (case-insensitive); a prefix of an id, alias or
// name; a prefix of a word in an id or name ("brandt" finds "Steuerkanzlei
// Brandt"). One hit is the client; several are ambiguous. With none, up to
// five clients whose id, alias or a word of whose name is within a few edits.
ClientMatch match_client(const Config& config, std::string_view query);

// The words of a name or id: runs of letters and digits ("Acme Corp (Dana
// Lee)" -> Acme, Corp, Dana, Lee).
std::vector<std::string_view> name_words(std::string_view text);

} // namespace touch
