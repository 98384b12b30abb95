// A phone's call log in, calls as they happened out: the reader streams an
// Android call-log backup (the XML of "SMS Backup & Restore", through
// expat) or a CSV export, a chunk at a time, and gives each call in a
// window as a local date and time in one zone; phone numbers are read as
// dialled in a region and compared as E.164 (through libphonenumber); the
// mapping turns answered calls into `call` touches by the shared matching
// step (touches.hpp). Pure: bytes and values in, records and diagnostics out.
// The reader and PhoneNumbers, which use expat and libphonenumber, are built
// into the readers' module, and the binary reaches them through readers.hpp;
// the markers and the mapping are the binary's own.
#pragma once

#include "touch/core/diagnostic.hpp"
#include "touch/core/model.hpp"
#include "touch/import/touches.hpp"
#include "touch/log/log.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace touch {

// The backup's `type`: 1 incoming, 2 outgoing, 3 missed, 4 voicemail,
// 5 rejected, 6 blocked; a CSV's direction words likewise.
enum class CallKind : std::uint8_t {
    incoming,
    outgoing,
    missed,
    voicemail,
    rejected,
    blocked,
    other
};

struct CallRecord {
    std::string number;   // as written
    std::string name;     // the phone's contact name, when it gives one
    std::int64_t utc = 0; // seconds since 1970, UTC
    Date date;            // local, in the window's zone
    int minute = 0;       // minutes after midnight
    CallKind kind = CallKind::other;
    std::int64_t duration = 0; // seconds
    int line = 0;              // of the record in the file
};

struct CallsWindow {
    Date since{};                          // the first day read, included
    Date until{};                          // the last day read, included
    const date::time_zone* zone = nullptr; // the zone dates are written in; null: UTC
};

struct CallsResult {
    std::vector<CallRecord> calls; // within the window, in the file's order
    // FILE:LINE problems. An error means the file could not be read to its
    // end (a truncated backup): what came before it is not to be applied.
    Diagnostics diagnostics;
    int left_out = 0; // records the reader could not read (a bad date), each with a warning
};

// Reads a call log a chunk at a time: the XML backup when its first
// non-blank byte is '<', else a CSV whose header names date, number,
// direction (or type) and duration, in any case and with the usual
// synonyms, separated by commas, semicolons or tabs, quoted as RFC 4180
// quotes. Memory holds the calls in the window, not the file.
class CallLogReader final : public ChunkSink {
public:
    CallLogReader(std::string_view path, const CallsWindow& window);
    ~CallLogReader();
    CallLogReader(const CallLogReader&) = delete;
    CallLogReader& operator=(const CallLogReader&) = delete;
    void feed(std::string_view chunk) override;
    void finish() override;
    CallsResult& result();

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// The whole of `bytes` through a CallLogReader: for tests.
CallsResult read_calls(std::string_view bytes, std::string_view path, const CallsWindow& window);

// Phone numbers as E.164 ("+49401234567"): read as dialled in `region`
// (ISO 3166, "DE"): a national "040 1234567", an international "0049…" or
// "+49…". Without a region only numbers with a "+" are read.
class PhoneNumbers {
public:
    explicit PhoneNumbers(std::string region);
    std::optional<std::string> e164(std::string_view number) const;
    // Whether libphonenumber knows the region ("DE": yes, "XX": no).
    static bool known_region(std::string_view region);

private:
    std::string region_;
};

// The marker an imported call carries: "call:" and 12 hex digits of the
// hash of its number (E.164) and its time (seconds since 1970).
std::string call_marker(std::string_view e164, std::int64_t utc);

// A number as E.164, or none when it cannot be read: PhoneNumbers::e164,
// through the readers' module (readers.hpp) in the binary.
using NormalisePhone = std::function<std::optional<std::string>(std::string_view)>;

// Answered calls, in or out, with a duration, as `call` touches of the
// clients one of whose phones is `e164` of the number; the rest in
// `left_out`, with why.
std::vector<FoundTouch> call_touches(const std::vector<CallRecord>& calls, const Config& config,
                                     const ClientMatcher& matcher, const NormalisePhone& e164,
                                     std::string_view path, std::vector<LeftOut>& left_out);

} // namespace touch
