// The matching step of the importers and what the log already has.

#include "touch/import/touches.hpp"

#include "touch/core/interval.hpp"
#include "touch/log/log.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

namespace {

bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void add_unique(std::vector<int>& out, int client) {
    if (std::find(out.begin(), out.end(), client) == out.end()) out.push_back(client);
}

// A client's name up to " (": "Acme Corp (Dana Lee)" is matched as "Acme Corp".
std::string_view name_before_person(std::string_view name) {
    auto paren = name.find(" (");
    return trim(paren == std::string_view::npos ? name : name.substr(0, paren));
}

} // namespace

std::vector<std::string> match_words(std::string_view text) {
    std::vector<std::string> words;
    for (std::size_t i = 0; i < text.size();) {
        if (!is_word_byte(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        auto start = i;
        while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i])))
            ++i;
        words.push_back(to_lower(text.substr(start, i - start)));
    }
    return words;
}

std::size_t first_word_at(std::string_view text, std::span<const std::string> words) {
    std::size_t index = 0;
    for (auto& word : match_words(text)) {
        if (std::find(words.begin(), words.end(), word) != words.end()) return index;
        ++index;
    }
    return std::string_view::npos;
}

ClientMatcher::ClientMatcher(const Config& config)
    : config_(config) {
    for (std::size_t i = 0; i < config.clients.size(); ++i) {
        auto& c = config.clients[i];
        int client = static_cast<int>(i);
        auto add_email = [&](const std::string& email) {
            auto key = to_lower(trim(email));
            if (!key.empty()) add_unique(emails_[key], client);
        };
        add_email(c.email);
        for (auto& e : c.other_emails)
            add_email(e);
        auto add_phrase = [&](std::string_view text) {
            auto words = match_words(text);
            if (words.empty()) return;
            auto first = words.front();
            phrases_[first].push_back({std::move(words), client});
        };
        add_phrase(c.id);
        for (auto& a : c.aliases)
            add_phrase(a);
        add_phrase(name_before_person(c.name));
    }
}

std::vector<int> ClientMatcher::by_address(std::span<const std::string> addresses) const {
    std::vector<int> out;
    for (auto& a : addresses)
        if (auto it = emails_.find(a); it != emails_.end())
            for (int client : it->second)
                add_unique(out, client);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<int> ClientMatcher::by_words(std::string_view text) const {
    std::vector<int> out;
    auto words = match_words(text);
    for (std::size_t i = 0; i < words.size(); ++i) {
        auto it = phrases_.find(words[i]);
        if (it == phrases_.end()) continue;
        for (auto& phrase : it->second) {
            auto n = phrase.words.size();
            if (i + n <= words.size() &&
                std::equal(phrase.words.begin(), phrase.words.end(), words.begin() + i))
                add_unique(out, phrase.client);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

void ClientMatcher::add_phones(
    const std::function<std::optional<std::string>(std::string_view)>& normalise) {
    for (std::size_t i = 0; i < config_.clients.size(); ++i) {
        auto& c = config_.clients[i];
        auto add = [&](const std::string& phone) {
            if (trim(phone).empty()) return;
            if (auto number = normalise(phone)) add_unique(phones_[*number], static_cast<int>(i));
        };
        add(c.phone);
        for (auto& p : c.other_phones)
            add(p);
    }
}

std::vector<int> ClientMatcher::by_phone(const std::string& number) const {
    auto it = phones_.find(number);
    return it == phones_.end() ? std::vector<int>{} : it->second;
}

std::string import_marker(std::string_view kind, std::string_view key) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : key) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return fmt::format("{}:{:012x}", kind, h >> 16);
}

LoggedTouches::LoggedTouches(const Config& config)
    : config_(config) {
    for (std::size_t i = 0; i < config.clients.size(); ++i) {
        auto& c = config.clients[i];
        ids_.emplace(to_lower(c.id), static_cast<int>(i));
        for (auto& a : c.aliases)
            ids_.emplace(to_lower(a), static_cast<int>(i));
    }
}

void LoggedTouches::add(const Entry& entry) {
    for (auto marker : note_markers(entry.note))
        markers_.emplace(marker);
    auto channel = config_.find_channel(to_lower(entry.channel));
    if (!channel) return; // a snooze, a promise, a skip: no touch
    for_each_client(entry.client, [&](std::string_view id) {
        if (auto it = ids_.find(to_lower(id)); it != ids_.end())
            record(it->second, entry.date, *channel);
    });
}

void LoggedTouches::record(int client, Date date, ChannelId channel) {
    touches_.emplace(client, static_cast<int>(date.time_since_epoch().count()), channel);
}

bool LoggedTouches::has_touch(int client, Date date, ChannelId channel) const {
    int day = static_cast<int>(date.time_since_epoch().count());
    for (auto it = touches_.lower_bound({client, day, 0});
         it != touches_.end() && std::get<0>(*it) == client && std::get<1>(*it) == day; ++it)
        if (config_.counts_as(std::get<2>(*it), channel)) return true;
    return false;
}

std::vector<std::string> new_log_lines(std::vector<FoundTouch> found, const Config& config,
                                       LoggedTouches& logged, std::vector<LeftOut>& left_out) {
    std::stable_sort(found.begin(), found.end(), [](const FoundTouch& a, const FoundTouch& b) {
        return std::tie(a.date, a.minute, a.text) < std::tie(b.date, b.minute, b.text);
    });
    std::vector<std::string> lines;
    for (auto& t : found) {
        if (logged.has_marker(t.marker)) {
            left_out.push_back({t.source, t.date, t.text, "already imported"});
            continue;
        }
        std::string field;
        std::vector<std::string> had;
        for (int client : t.clients) {
            auto& id = config.clients[static_cast<std::size_t>(client)].id;
            if (logged.has_touch(client, t.date, t.channel)) {
                had.push_back(id);
                continue;
            }
            field += (field.empty() ? "" : ",") + id;
        }
        if (!had.empty())
            left_out.push_back(
                {t.source, t.date, t.text,
                 fmt::format("the log has a {} (or one covering it) on that day for {}",
                             config.channel_name(t.channel), join_words(had, " and "))});
        if (field.empty()) continue;
        for (int client : t.clients)
            logged.record(client, t.date, t.channel);
        logged.record_marker(t.marker);
        auto text = sanitize_note(t.text);
        auto note = fmt::format("{}{}[{}]", text, text.empty() ? "" : " ", t.marker);
        lines.push_back(
            format_log_line(t.date, t.minute, field, config.channel_name(t.channel), note));
    }
    return lines;
}

} // namespace touch
