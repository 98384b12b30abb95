// The reader every section of the clients file is loaded through: typed
// getters that turn a missing, mistyped or malformed value into a diagnostic
// at the node's line and column, and the check of a table's known keys. Each
// section loader (sections.hpp) takes one; nothing here knows a section.
#pragma once

#include "touch/config/config.hpp"

#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace touch::config_detail {

// "a string", "an array", ... for "must be X, not Y" messages.
std::string type_name(const toml::node& node);

// "14.03." or "14.03.1980", day first, as the "03-14" or "1980-03-14" meant;
// empty when `text` is not such a date.
std::string dotted_date_meant(std::string_view text);

class Reader {
public:
    Reader(std::string_view path, Config& config, Diagnostics& diags)
        : path_(path)
        , config_(config)
        , diags_(diags) {}

    Config& config() { return config_; }
    const Config& config() const { return config_; }

    void error(const toml::source_region& where, std::string message, std::string hint = {});
    void warning(const toml::source_region& where, std::string message, std::string hint = {});

    // An error for every key of `table` not in `allowed`, with the closest
    // known key as a hint. `where` names the table ("" for the top level).
    void check_keys(const toml::table& table, std::span<const std::string_view> allowed,
                    std::string_view where);
    void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                    std::string_view where) {
        check_keys(table, std::span(allowed.begin(), allowed.size()), where);
    }
    // The error check_keys gives for `key`, for a table that looks its keys up its own way.
    void unknown_key(const toml::key& key, std::span<const std::string_view> allowed,
                     std::string_view where);

    // parent[key] when it is a table; an error when it is something else.
    const toml::table* table_at(const toml::table& parent, std::string_view key);
    const toml::table* as_table(const toml::node& node, std::string_view what);

    // The string itself, not a copy: most strings of a large file are only
    // looked at (channel and tier names) or copied once into their place.
    const std::string* string_ref(const toml::node& node, std::string_view what);
    std::optional<std::string> string_value(const toml::node& node, std::string_view what);
    std::vector<std::string> string_list(const toml::node& node, std::string_view what);
    std::optional<bool> bool_value(const toml::node& node, std::string_view what);
    std::optional<Interval> interval_value(const toml::node& node, std::string_view what);
    std::optional<int> positive_integer(const toml::node& node, std::string_view what);
    std::optional<Date> date_value(const toml::node& node, std::string_view what);

    // Channels by name: the ids of config().channels (and "any" when asked).
    std::vector<std::string> channel_names(bool with_any) const;
    std::optional<ChannelId> channel_ref(std::string_view name, const toml::source_region& where,
                                         std::string_view what);
    std::optional<ChannelId> channel_value(const toml::node& node, std::string_view what);
    // Unknown and repeated channels are errors and left out.
    std::vector<ChannelId> channel_list(const toml::node& node, std::string_view what);

    // A run of the file parsed on its own starts at line `lines_before` + 1:
    // the lines toml++ gives in it count from there (see parse.cpp).
    void start_at_line(int lines_before) { lines_before_ = lines_before; }
    // The line of the file `where` begins on.
    int line_of(const toml::source_region& where) const {
        return static_cast<int>(where.begin.line) + lines_before_;
    }

private:
    std::string_view path_;
    Config& config_;
    Diagnostics& diags_;
    int lines_before_ = 0;

    void report(const toml::source_region& where, Severity severity, std::string message,
                std::string hint);
};

} // namespace touch::config_detail
