// [[rules]]: follow-ups, a touch on one channel owing one on another.

#include "sections.hpp"

#include <fmt/format.h>

namespace touch::config_detail {

namespace {

// A rule's `after` and `then`; false when either is missing or unknown.
bool load_rule_channels(Reader& reader, const toml::table& t, const toml::node& item, Rule& rule) {
    bool ok = true;
    for (auto [key, slot] : {std::pair{"after", &rule.after}, std::pair{"then", &rule.then}}) {
        auto* n = t.get(key);
        if (!n) {
            reader.error(item.source(), fmt::format("this rule has no '{}'", key));
            ok = false;
        } else if (auto ch = reader.channel_value(*n, key)) {
            *slot = *ch;
        } else {
            ok = false;
        }
    }
    return ok;
}

std::optional<Rule> load_rule(Reader& reader, const toml::node& item) {
    auto* t = reader.as_table(item, "each [[rules]] entry");
    if (!t) return std::nullopt;
    reader.check_keys(*t, {"after", "then", "within", "reason"}, "rules");
    Rule rule;
    bool ok = load_rule_channels(reader, *t, item, rule);
    if (auto* n = t->get("within")) {
        auto every = reader.interval_value(*n, "within");
        if (every && every->is_off()) {
            reader.error(n->source(), "'within' cannot be off");
            ok = false;
        } else if (every) {
            rule.within = *every;
        } else {
            ok = false;
        }
    }
    if (auto* n = t->get("reason"))
        if (auto s = reader.string_value(*n, "reason")) rule.reason = *s;
    if (!ok) return std::nullopt;
    if (rule.reason.empty()) rule.reason = "follow-up";
    return rule;
}

} // namespace

void load_rules(Reader& reader, const toml::node& node) {
    auto* array = node.as_array();
    if (!array) {
        reader.error(
            node.source(),
            fmt::format("'rules' must be an array of tables ([[rules]]), not {}", type_name(node)));
        return;
    }
    for (auto& item : *array)
        if (auto rule = load_rule(reader, item)) reader.config().rules.push_back(std::move(*rule));
}

} // namespace touch::config_detail
