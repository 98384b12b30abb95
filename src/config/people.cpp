// [people.NAME]: the team, each member with a name and an email address.

#include "sections.hpp"

#include "touch/util/mail.hpp"
#include "touch/util/text.hpp"

#include <fmt/format.h>

namespace touch::config_detail {

namespace {

std::optional<Person> load_person(Reader& reader, const toml::key& key, const toml::node& node) {
    std::string id(key.str());
    if (!is_valid_id(id)) {
        reader.error(key.source(), fmt::format("'{}' cannot name a person", id),
                     "use lower-case letters and digits, then also '_', '.' or '-'");
        return std::nullopt;
    }
    auto* body = reader.as_table(node, fmt::format("person '{}'", id));
    if (!body) return std::nullopt;
    reader.check_keys(*body, {"name", "email"}, "people." + id);
    Person person{id, id, {}, static_cast<int>(key.source().begin.line)};
    if (auto* n = body->get("name"))
        if (auto v = reader.string_value(*n, "name"); v && !trim(*v).empty()) person.name = *v;
    if (auto* n = body->get("email")) {
        if (auto v = reader.string_value(*n, "email")) {
            if (parse_mailbox(*v))
                person.email = *v;
            else
                reader.error(n->source(), "'email' is not an email address",
                             "email = \"pat@example.com\", on one line");
        }
    }
    return person;
}

} // namespace

void load_people(Reader& reader, const toml::table& table) {
    for (auto&& [key, node] : table)
        if (auto person = load_person(reader, key, node))
            reader.config().people.push_back(std::move(*person));
}

} // namespace touch::config_detail
