// parse_config: the syntax pass, then each section in order; a large file's
// [[clients]] read in two parts on two threads.

#include "sections.hpp"

#include "touch/core/lifetime.hpp"
#include "touch/util/text.hpp"

#include <algorithm>
#include <optional>
#include <system_error>
#include <thread>

namespace touch {

namespace config_detail {
namespace {

// Every section of the document, channels first: everything else names them.
void load_document(Reader& reader, const toml::table& root) {
    reader.check_keys(
        root, {"settings", "channels", "cadence", "tiers", "rules", "people", "import", "clients"},
        "");
    if (auto* t = reader.table_at(root, "channels")) load_channels(reader, *t);
    compute_closure(reader.config());
    if (auto* t = reader.table_at(root, "settings")) load_settings(reader, *t);
    if (auto* t = reader.table_at(root, "import")) load_import(reader, *t);
    if (auto* t = reader.table_at(root, "cadence"))
        reader.config().cadence = load_cadence(reader, *t, {"cadence"});
    if (auto* t = reader.table_at(root, "tiers")) load_tiers(reader, *t);
    if (auto* node = root.get("rules")) load_rules(reader, *node);
    if (auto* t = reader.table_at(root, "people")) load_people(reader, *t);
    if (auto* node = root.get("clients")) ClientsLoader(reader).load(*node);
}

bool is_clients_header(std::string_view line) {
    line = trim(line);
    if (line.substr(0, 11) != "[[clients]]") return false;
    auto rest = trim(line.substr(11));
    return rest.empty() || rest[0] == '#';
}

struct ClientsSplit {
    std::size_t first = 0;   // the first [[clients]] line
    std::size_t cut = 0;     // a [[clients]] line near the middle; 0: no split
    std::size_t clients = 0; // how many [[clients]] lines
};

// toml++ and the checks on each client take most of the time `due` spends
// on a large clients file, and nearly all of such a file is [[clients]]
// tables. So a large file is read in three parts: the tables before the
// first [[clients]], then two runs of [[clients]] at once on two threads.
// The cut is made only where it cannot change the meaning: every header
// from the first [[clients]] on is another [[clients]], and no multi-line
// string could hide a header line.
ClientsSplit find_clients_split(std::string_view text) {
    constexpr std::size_t worth_it = 64 * 1024;
    if (text.size() < worth_it) return {};
    if (text.find("\"\"\"") != std::string_view::npos || text.find("'''") != std::string_view::npos)
        return {};
    ClientsSplit split;
    bool in_clients = false;
    // Only lines that start with '[' (after blanks) matter: each '[' found is
    // checked for being its line's first.
    for (std::size_t at = text.find('['); at != std::string_view::npos;
         at = text.find('[', at + 1)) {
        auto pos = at;
        while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '\t'))
            --pos;
        if (pos > 0 && text[pos - 1] != '\n') continue;
        auto nl = text.find('\n', at);
        auto line = text.substr(pos, (nl == std::string_view::npos ? text.size() : nl) - pos);
        if (!is_clients_header(line)) {
            if (in_clients) return {};
            continue;
        }
        ++split.clients;
        if (!in_clients) {
            in_clients = true;
            split.first = pos;
        } else if (split.cut == 0 && pos >= text.size() / 2) {
            split.cut = pos;
        }
    }
    if (split.cut == 0) return {};
    return split;
}

ConfigResult parse_whole(std::string_view text, std::string_view path) {
    ConfigResult result{default_config(), {}};
    auto parsed = parse_toml(text, path);
    if (parsed.error) {
        result.diagnostics.push_back(*parsed.error);
    } else {
        Reader reader(path, result.config, result.diagnostics);
        load_document(reader, parsed.root);
        keep_contents_until_exit(parsed.root);
    }
    return result;
}

// The clients of text[begin, end), read on their own against `base` (the
// config without clients). The part is parsed where it stands in the file:
// padded with the newlines before it, every line and column toml++ gives is
// right as it is.
struct ClientsPart {
    Config config;
    Diagnostics diagnostics;
    ClientsLoader::Claimed claimed;
};

void load_clients_part(std::string_view text, std::size_t begin, std::size_t end,
                       std::string_view path, ClientsPart& part) {
    std::string padded(static_cast<std::size_t>(
                           std::count(text.begin(), text.begin() + static_cast<long>(begin), '\n')),
                       '\n');
    padded.append(text.substr(begin, end - begin));
    auto parsed = parse_toml(padded, path);
    if (parsed.error) {
        part.diagnostics.push_back(*parsed.error);
        return;
    }
    Reader reader(path, part.config, part.diagnostics);
    ClientsLoader loader(reader);
    if (auto* node = parsed.root.get("clients")) loader.load(*node);
    part.claimed = loader.take_claimed();
    // The tree is freed here, on the part's own thread too, unless the
    // program keeps it until it exits.
    keep_contents_until_exit(parsed.root);
}

// Nothing when the parts cannot be read apart: then the one-pass reading
// gives its exact messages.
std::optional<ConfigResult> parse_in_parts(std::string_view text, std::string_view path,
                                           const ClientsSplit& split) {
    auto header = parse_toml(text.substr(0, split.first), path);
    if (header.error || header.root.contains("clients")) return std::nullopt;
    ConfigResult result{default_config(), {}};
    Reader reader(path, result.config, result.diagnostics);
    load_document(reader, header.root);
    keep_contents_until_exit(header.root);
    ClientsPart first{result.config, {}, {}}, second{result.config, {}, {}};
    // Room for all: the second part's clients join the first's without
    // moving those again.
    first.config.clients.reserve(split.clients);
    std::optional<std::thread> worker;
    try {
        worker.emplace([&] { load_clients_part(text, split.cut, text.size(), path, second); });
    } catch (const std::system_error&) {
        // No thread to be had (a limit on processes): both parts on this one.
    }
    load_clients_part(text, split.first, split.cut, path, first);
    if (worker)
        worker->join();
    else
        load_clients_part(text, split.cut, text.size(), path, second);
    // An id or alias in both parts: a mistake to report just as one pass does.
    for (auto& [key, line] : second.claimed)
        if (first.claimed.count(key)) return std::nullopt;
    auto& clients = result.config.clients;
    clients = std::move(first.config.clients);
    clients.insert(clients.end(), std::make_move_iterator(second.config.clients.begin()),
                   std::make_move_iterator(second.config.clients.end()));
    for (auto* part : {&first, &second})
        result.diagnostics.insert(result.diagnostics.end(), part->diagnostics.begin(),
                                  part->diagnostics.end());
    return result;
}

} // namespace
} // namespace config_detail

std::size_t ConfigResult::errors() const {
    return static_cast<std::size_t>(
        std::count_if(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t ConfigResult::warnings() const {
    return diagnostics.size() - errors();
}

std::size_t clients_split_point(std::string_view text) {
    return config_detail::find_clients_split(text).cut;
}

ConfigResult parse_config(std::string_view text, std::string_view path) {
    using namespace config_detail;
    // A UTF-8 byte-order mark is not TOML, but editors on some systems add one.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::optional<ConfigResult> result;
    if (auto split = find_clients_split(text); split.cut != 0)
        result = parse_in_parts(text, path, split);
    if (!result) result = parse_whole(text, path);
    std::stable_sort(result->diagnostics.begin(), result->diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return std::tie(a.line, a.col) < std::tie(b.line, b.col);
                     });
    return std::move(*result);
}

} // namespace touch
