// parse_config: the syntax pass, then each section in order; a large file's
// [[clients]] read in two parts on two threads.

#include "sections.hpp"

#include "touch/core/lifetime.hpp"
#include "touch/core/shared_work.hpp"
#include "touch/util/text.hpp"

#include <algorithm>
#include <optional>
#include <vector>

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

// How many runs of [[clients]] a large file is cut into, read by two
// threads. More runs than threads: a thread takes the next run no one has
// taken, so when the machine starts the second thread late (it is busy), or
// one runs slower, the other reads more of the runs instead of waiting for
// it. Each run costs a parse of its own and the newlines it is padded with
// (below): four runs balance within a quarter of a half for little more.
constexpr std::size_t clients_runs = 4;

// Below this size, a clients file is read in one pass.
constexpr std::size_t clients_split_size = 64 * 1024;

struct ClientsSplit {
    std::size_t first = 0; // the first [[clients]] line
    // A [[clients]] line near each quarter of the file, after `first`, in
    // order; cuts[0] == 0: no split.
    std::size_t cuts[clients_runs - 1] = {};
    std::size_t clients = 0; // how many [[clients]] lines
};

// toml++ and the checks on each client take most of the time `due` spends
// on a large clients file, and nearly all of such a file is [[clients]]
// tables. So a large file is read in parts: the tables before the first
// [[clients]], then runs of [[clients]] at once on two threads. The cuts
// are made only where they cannot change the meaning: every header from the
// first [[clients]] on is another [[clients]], and no multi-line string
// could hide a header line.
ClientsSplit find_clients_split(std::string_view text) {
    if (text.size() < clients_split_size) return {};
    if (text.find("\"\"\"") != std::string_view::npos || text.find("'''") != std::string_view::npos)
        return {};
    ClientsSplit split;
    std::size_t made = 0; // cuts found
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
        } else if (made < clients_runs - 1 && pos >= text.size() / clients_runs * (made + 1)) {
            split.cuts[made++] = pos;
        }
    }
    if (made < clients_runs - 1) return {};
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
// config without clients). The part begins a line, so toml++'s columns are
// the file's; its lines are counted from the part's start, and the Reader
// adds the lines before it (padding the part with as many newlines instead
// cost toml++ some 130 instructions a newline).
struct ClientsPart {
    Config config;
    Diagnostics diagnostics;
    ClientsLoader::Claimed claimed;
};

void load_clients_part(std::string_view text, std::size_t begin, std::size_t end,
                       std::string_view path, ClientsPart& part) {
    auto lines_before =
        static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(begin), '\n'));
    auto parsed = parse_toml(text.substr(begin, end - begin), path);
    if (parsed.error) {
        parsed.error->line += lines_before;
        part.diagnostics.push_back(*parsed.error);
        return;
    }
    Reader reader(path, part.config, part.diagnostics);
    reader.start_at_line(lines_before);
    ClientsLoader loader(reader);
    if (auto* node = parsed.root.get("clients")) loader.load(*node);
    part.claimed = loader.take_claimed();
    // The run's tree is freed here, on the thread that built it, even when
    // the program keeps what it parsed until it exits: the memory then serves
    // the next run and whatever the command builds after the reading, where
    // fresh memory would cost a page fault per 4 KiB. Those faults (some
    // 2,000 with 5,000 clients) take longer than the frees.
}

// The runs of [[clients]] read on this thread and a helper, each run by the
// first thread to take it; the results stand in file order whoever read
// them.
void load_clients_runs(std::string_view text, std::string_view path, const ClientsSplit& split,
                       std::vector<ClientsPart>& parts) {
    auto begin = [&](std::size_t i) { return i == 0 ? split.first : split.cuts[i - 1]; };
    auto end = [&](std::size_t i) { return i + 1 == parts.size() ? text.size() : split.cuts[i]; };
    share_work(parts.size(), 2, [&](std::size_t i, std::size_t) {
        load_clients_part(text, begin(i), end(i), path, parts[i]);
    });
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
    std::vector<ClientsPart> parts(clients_runs, ClientsPart{result.config, {}, {}});
    // Room for all: the later runs' clients join the first's without moving
    // those again.
    parts[0].config.clients.reserve(split.clients);
    load_clients_runs(text, path, split, parts);
    // An id or alias in two runs: a mistake to report just as one pass does.
    for (std::size_t i = 1; i < parts.size(); ++i)
        for (auto& [key, line] : parts[i].claimed)
            for (std::size_t j = 0; j < i; ++j)
                if (parts[j].claimed.count(key)) return std::nullopt;
    auto& clients = result.config.clients;
    clients = std::move(parts[0].config.clients);
    for (auto& part : parts) {
        if (&part != &parts[0])
            clients.insert(clients.end(), std::make_move_iterator(part.config.clients.begin()),
                           std::make_move_iterator(part.config.clients.end()));
        result.diagnostics.insert(result.diagnostics.end(), part.diagnostics.begin(),
                                  part.diagnostics.end());
    }
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
    return config_detail::find_clients_split(text).cuts[0];
}

ConfigResult parse_config(std::string_view text, std::string_view path) {
    using namespace config_detail;
    // A UTF-8 byte-order mark is not TOML, but editors on some systems add one.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::optional<ConfigResult> result;
    // The helper starts while the file is looked through for its runs.
    if (text.size() >= clients_split_size) start_helpers(2);
    if (auto split = find_clients_split(text); split.cuts[0] != 0)
        result = parse_in_parts(text, path, split);
    if (!result) result = parse_whole(text, path);
    std::stable_sort(result->diagnostics.begin(), result->diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         return std::tie(a.line, a.col) < std::tie(b.line, b.col);
                     });
    return std::move(*result);
}

} // namespace touch
