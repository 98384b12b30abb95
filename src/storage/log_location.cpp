#include "touch/storage/log_location.hpp"

#include "touch/platform/files.hpp"
#include "touch/platform/system.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace touch {

namespace {

Expected<std::vector<LogFile>> list_files(const std::string& path, bool folder) {
    if (!folder) return std::vector<LogFile>{LogFile{path, {}, 0}};
    constexpr std::string_view suffix = ".log";
    auto listed = platform::files_in(path, suffix);
    if (!listed) return listed.error();
    std::vector<LogFile> out;
    for (auto& f : *listed) {
        auto stem = f.name.substr(0, f.name.size() - suffix.size());
        // Syncthing keeps both sides of a conflict as PERSON.sync-conflict-DATE-TIME-ID.log:
        // its lines are that person's still (and identical ones count once).
        auto person = stem.substr(0, stem.find(".sync-conflict-"));
        out.push_back(
            {person_log_path(path, stem), std::move(person), static_cast<std::uint64_t>(f.size)});
    }
    return out;
}

Expected<std::string> own_file(const std::string& path, bool folder,
                               const std::optional<std::string>& runner,
                               std::string_view runner_source) {
    if (!folder) return path;
    if (!runner)
        return Error{exit_usage,
                     fmt::format("{}: the log is a folder of per-person logs, and who you are is "
                                 "not known; set TOUCH_USER to your name",
                                 path)};
    if (auto why = unsafe_person_reason(*runner))
        return Error{exit_usage,
                     fmt::format("{}: '{}' ({}) cannot name a file in the log folder: {}; set "
                                 "TOUCH_USER to a plain name",
                                 path, escape_control(*runner), runner_source, *why)};
    return person_log_path(path, *runner);
}

} // namespace

LogLocation locate_log(std::string path, const std::optional<std::string>& runner,
                       std::string_view runner_source) {
    LogLocation location;
    location.folder = is_log_folder(path);
    location.files = list_files(path, location.folder);
    location.own = own_file(path, location.folder, runner, runner_source);
    location.path = std::move(path);
    return location;
}

void LogLocation::appended() {
    if (!folder || !own || !files) return;
    bool listed =
        std::any_of(files->begin(), files->end(), [&](const LogFile& f) { return f.path == *own; });
    if (!listed) files = list_files(path, folder);
}

bool is_log_folder(const std::string& path) {
    return !path.empty() && (path.back() == '/' || platform::is_directory(path));
}

std::string person_log_path(const std::string& folder, std::string_view person) {
    auto dir = folder;
    while (dir.size() > 1 && dir.back() == '/')
        dir.pop_back();
    return dir + (dir == "/" ? "" : "/") + std::string(person) + ".log";
}

std::optional<std::string> unsafe_person_reason(std::string_view person) {
    if (person.empty()) return "it is empty";
    if (person.find('/') != std::string_view::npos) return "it holds a '/'";
    if (person[0] == '.') return "it begins with '.'";
    for (unsigned char c : person)
        if (c < 0x20 || c == 0x7f) return "it holds a control character";
    if (person.size() > 200) return "it is longer than 200 bytes";
    return std::nullopt;
}

ReadPolicy ReadPolicy::of_this_machine() {
    return {std::clamp<std::size_t>(platform::core_count(), 1, max_threads)};
}

std::size_t ReadPolicy::pieces_for(std::uint64_t size) const {
    return static_cast<std::size_t>(
        std::clamp<std::uint64_t>(size / min_piece, 1, std::max<std::size_t>(threads, 1)));
}

bool ReadPolicy::read_alone(std::uint64_t size, std::uint64_t total, std::size_t count) const {
    auto workers = std::min(threads, count);
    return threads > 1 && (count == 1 || size * workers > total);
}

} // namespace touch
