#include "reader.hpp"

#include "touch/core/interval.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch::config_detail {

std::string type_name(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    default:
        return "nothing";
    }
}

std::string dotted_date_meant(std::string_view text) {
    unsigned parts[3] = {0, 0, 0};
    std::size_t count = 0, digits = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9' && count < 3 && digits < 4) {
            parts[count] = parts[count] * 10 + static_cast<unsigned>(c - '0');
            ++digits;
        } else if (c == '.' && digits > 0 && count < 3) {
            ++count;
            digits = 0;
        } else {
            return {};
        }
    }
    if (digits > 0) ++count;
    auto day = parts[0], month = parts[1];
    if (count == 2) {
        date::month_day md{date::month{month}, date::day{day}};
        if (md.ok()) return fmt::format("{:02}-{:02}", month, day);
    } else if (count == 3 && parts[2] >= 1000) {
        date::year_month_day ymd{date::year{static_cast<int>(parts[2])}, date::month{month},
                                 date::day{day}};
        if (ymd.ok()) return fmt::format("{}-{:02}-{:02}", parts[2], month, day);
    }
    return {};
}

void Reader::report(const toml::source_region& where, Severity severity, std::string message,
                    std::string hint) {
    diags_.push_back({std::string(path_), line_of(where), static_cast<int>(where.begin.column),
                      severity, std::move(message), std::move(hint)});
}

void Reader::error(const toml::source_region& where, std::string message, std::string hint) {
    report(where, Severity::error, std::move(message), std::move(hint));
}

void Reader::warning(const toml::source_region& where, std::string message, std::string hint) {
    report(where, Severity::warning, std::move(message), std::move(hint));
}

void Reader::check_keys(const toml::table& table, std::span<const std::string_view> allowed,
                        std::string_view where) {
    for (auto&& [key, node] : table) {
        (void)node;
        if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
            unknown_key(key, allowed, where);
    }
}

void Reader::unknown_key(const toml::key& key, std::span<const std::string_view> allowed,
                         std::string_view where) {
    auto place = where.empty() ? std::string("at the top level") : fmt::format("in [{}]", where);
    std::vector<std::string> names(allowed.begin(), allowed.end());
    error(key.source(), fmt::format("unknown key '{}' {}", key.str(), place),
          did_you_mean_or_list(key.str(), names, "known keys"));
}

const toml::table* Reader::table_at(const toml::table& parent, std::string_view key) {
    auto* node = parent.get(key);
    if (!node) return nullptr;
    if (auto* t = node->as_table()) return t;
    error(node->source(), fmt::format("'{}' must be a table, not {}", key, type_name(*node)));
    return nullptr;
}

const toml::table* Reader::as_table(const toml::node& node, std::string_view what) {
    if (auto* t = node.as_table()) return t;
    error(node.source(), fmt::format("{} must be a table, not {}", what, type_name(node)));
    return nullptr;
}

const std::string* Reader::string_ref(const toml::node& node, std::string_view what) {
    if (auto* s = node.as_string()) return &s->get();
    error(node.source(), fmt::format("'{}' must be a string, not {}", what, type_name(node)));
    return nullptr;
}

std::optional<std::string> Reader::string_value(const toml::node& node, std::string_view what) {
    if (auto* s = string_ref(node, what)) return *s;
    return std::nullopt;
}

std::vector<std::string> Reader::string_list(const toml::node& node, std::string_view what) {
    std::vector<std::string> out;
    auto* array = node.as_array();
    if (!array) {
        error(node.source(),
              fmt::format("'{}' must be an array of strings, not {}", what, type_name(node)));
        return out;
    }
    out.reserve(array->size());
    for (auto& item : *array)
        if (auto* s = string_ref(item, what)) out.push_back(*s);
    return out;
}

std::optional<bool> Reader::bool_value(const toml::node& node, std::string_view what) {
    if (auto* b = node.as_boolean()) return b->get();
    error(node.source(), fmt::format("'{}' must be true or false", what));
    return std::nullopt;
}

std::optional<Interval> Reader::interval_value(const toml::node& node, std::string_view what) {
    auto text = string_value(node, what);
    if (!text) return std::nullopt;
    std::string why;
    auto every = parse_interval(*text, &why);
    if (!every) error(node.source(), fmt::format("'{}': {}", what, why));
    return every;
}

std::optional<int> Reader::positive_integer(const toml::node& node, std::string_view what) {
    auto* i = node.as_integer();
    if (!i || i->get() < 1 || i->get() > 100000) {
        error(node.source(), fmt::format("'{}' must be a whole number from 1 to 100000", what));
        return std::nullopt;
    }
    return static_cast<int>(i->get());
}

std::optional<Date> Reader::date_value(const toml::node& node, std::string_view what) {
    if (auto* d = node.as_date()) {
        auto v = d->get();
        date::year_month_day ymd{date::year{v.year}, date::month{v.month}, date::day{v.day}};
        if (ymd.ok()) return date::sys_days{ymd};
    } else if (auto* s = node.as_string()) {
        if (auto d = parse_iso_date(s->get())) return d;
    }
    error(node.source(), fmt::format("'{}' must be a date such as 2024-03-01", what));
    return std::nullopt;
}

std::vector<std::string> Reader::channel_names(bool with_any) const {
    std::vector<std::string> names;
    for (auto& ch : config_.channels)
        names.push_back(ch.id);
    if (with_any) names.push_back("any");
    return names;
}

std::optional<ChannelId> Reader::channel_ref(std::string_view name,
                                             const toml::source_region& where,
                                             std::string_view what) {
    if (auto ch = config_.find_channel(name)) return ch;
    auto names = channel_names(false);
    error(where, fmt::format("unknown channel '{}' in {}", name, what),
          did_you_mean_or_list(name, names, "channels"));
    return std::nullopt;
}

std::optional<ChannelId> Reader::channel_value(const toml::node& node, std::string_view what) {
    auto* name = string_ref(node, what);
    if (!name) return std::nullopt;
    return channel_ref(*name, node.source(), what);
}

std::vector<ChannelId> Reader::channel_list(const toml::node& node, std::string_view what) {
    std::vector<ChannelId> out;
    auto* array = node.as_array();
    if (!array) {
        error(node.source(),
              fmt::format("'{}' must be an array of channels, not {}", what, type_name(node)));
        return out;
    }
    out.reserve(array->size());
    for (auto& item : *array)
        if (auto ch = channel_value(item, what)) {
            if (std::find(out.begin(), out.end(), *ch) != out.end())
                error(item.source(), fmt::format("channel '{}' is listed twice in '{}'",
                                                 config_.channel_name(*ch), what));
            else
                out.push_back(*ch);
        }
    return out;
}

} // namespace touch::config_detail
