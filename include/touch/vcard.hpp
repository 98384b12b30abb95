// vCard (3.0 and 4.0, and 2.1's quoted-printable) in, [[clients]] blocks out.
// Pure: text in, text and diagnostics out.
#pragma once

#include "touch/diagnostic.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace touch {

struct VcardContact {
    std::string name, phone, email, address, notes;
    std::string birthday; // "YYYY-MM-DD" or "MM-DD", empty when none
    int line = 0;         // where its BEGIN:VCARD is
};

struct VcardResult {
    std::vector<VcardContact> contacts;
    Diagnostics diagnostics;
};

VcardResult parse_vcards(std::string_view text, std::string_view path);

// An id from a name: lower-case ASCII letters and digits joined by '-',
// accents dropped ("Zoë Ünal" -> "zoe-unal"); never one of `taken`, which it
// joins.
std::string make_client_id(std::string_view name, std::set<std::string>& taken);

// A TOML basic string, quotes included.
std::string toml_string(std::string_view s);

// The [[clients]] blocks, with ids unique among themselves and `taken`.
std::string clients_toml(const std::vector<VcardContact>& contacts, std::set<std::string> taken);

} // namespace touch
