// The mail reader, built into the readers' module (readers.hpp): headers
// through GMime (folding, RFC 2047 words, comments, groups, the many forms of
// Date:), an mbox through GMime's parser in its mbox mode over the file's
// descriptor.

#include "touch/import/mail.hpp"

#include "touch/util/text.hpp"

#include <date/tz.h>
#include <fmt/format.h>
#include <gmime/gmime.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <signal.h>

namespace touch {

namespace {

void init_gmime() {
    static std::once_flag once;
    std::call_once(once, [] {
        // GMime's start ignores SIGPIPE for the whole process; touch's
        // output to a closed pipe and its children must see it as before.
        struct sigaction before {};
        ::sigaction(SIGPIPE, nullptr, &before);
        g_mime_init();
        ::sigaction(SIGPIPE, &before, nullptr);
    });
}

// GObject references released on scope exit.
template <typename T> struct Ref {
    T* p;
    explicit Ref(T* pointer)
        : p(pointer) {}
    Ref(const Ref&) = delete;
    Ref& operator=(const Ref&) = delete;
    ~Ref() {
        if (p) g_object_unref(p);
    }
};

// Every mailbox of a list, a group's members included, lower case.
void addresses_of(InternetAddressList* list, std::vector<std::string>& out) {
    if (!list) return;
    int n = internet_address_list_length(list);
    for (int i = 0; i < n; ++i) {
        auto* a = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(a)) {
            addresses_of(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(a)), out);
        } else if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
            const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
            if (addr && *addr) out.push_back(to_lower(addr));
        }
    }
}

// The message's headers as a MailMessage; false when it falls outside the window.
bool describe(GMimeMessage* msg, const MailWindow& window, MailMessage& out) {
    addresses_of(g_mime_message_get_from(msg), out.from);
    addresses_of(g_mime_message_get_to(msg), out.recipients);
    addresses_of(g_mime_message_get_cc(msg), out.recipients);
    if (const char* id = g_mime_message_get_message_id(msg)) out.message_id = id;
    if (const char* s = g_mime_message_get_subject(msg)) out.subject = s;
    if (const char* d = g_mime_object_get_header(GMIME_OBJECT(msg), "Date")) out.date_header = d;
    GDateTime* when = g_mime_message_get_date(msg);
    if (!when) return true;
    auto utc = std::chrono::sys_seconds{std::chrono::seconds{g_date_time_to_unix(when)}};
    out.utc = utc.time_since_epoch().count();
    std::tie(out.date, out.minute) = local_day_minute(window.zone, utc);
    return out.date >= window.since && out.date <= window.until;
}

// The header block: the bytes up to the first empty line.
std::string_view header_block(std::string_view bytes) {
    for (std::size_t at = 0; at < bytes.size();) {
        auto nl = bytes.find('\n', at);
        if (nl == std::string_view::npos) break;
        auto line = bytes.substr(at, nl - at);
        if (line.empty() || line == "\r") return bytes.substr(0, at);
        at = nl + 1;
    }
    return bytes;
}

} // namespace

MailResult read_message_headers(std::string_view bytes, std::string_view path,
                                const MailWindow& window) {
    init_gmime();
    MailResult result;
    auto head = header_block(bytes);
    if (trim(head).empty()) {
        result.diagnostics.push_back({std::string(path),
                                      1,
                                      0,
                                      Severity::warning,
                                      "no headers: not a message; left out",
                                      {}});
        return result;
    }
    std::string text(head);
    text += "\n\n"; // an empty body after the headers
    Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(text.data(), text.size()));
    Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.p));
    g_mime_parser_set_format(parser.p, GMIME_FORMAT_MESSAGE);
    Ref<GMimeMessage> msg(g_mime_parser_construct_message(parser.p, nullptr));
    if (!msg.p) {
        result.diagnostics.push_back(
            {std::string(path), 1, 0, Severity::warning, "not a message; left out", {}});
        return result;
    }
    MailMessage m;
    m.source = path;
    if (describe(msg.p, window, m)) result.messages.push_back(std::move(m));
    return result;
}

MailResult read_mbox(int fd, std::string_view path, const MailWindow& window) {
    init_gmime();
    MailResult result;
    Ref<GMimeStream> stream(g_mime_stream_fs_new(fd));
    Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.p));
    g_mime_parser_set_format(parser.p, GMIME_FORMAT_MBOX);
    bool first = true;
    while (!g_mime_parser_eos(parser.p)) {
        Ref<GMimeMessage> msg(g_mime_parser_construct_message(parser.p, nullptr));
        if (!msg.p) {
            if (first)
                result.diagnostics.push_back(
                    {std::string(path), 1, 0, Severity::error,
                     "not an mbox: it does not begin with a \"From \" line",
                     "a Maildir is a folder with cur and new in it"});
            break;
        }
        first = false;
        MailMessage m;
        m.source = fmt::format("{}:byte {}", path, g_mime_parser_get_mbox_marker_offset(parser.p));
        if (describe(msg.p, window, m)) result.messages.push_back(std::move(m));
    }
    if (first && result.diagnostics.empty())
        result.diagnostics.push_back(
            {std::string(path), 0, 0, Severity::error, "empty: not an mbox", {}});
    return result;
}

} // namespace touch
