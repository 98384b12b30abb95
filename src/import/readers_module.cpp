// The readers' module's one entry point (readers.hpp): the table of the
// functions the binary calls, over the readers built into the module. Each
// catches what its reader throws: no exception crosses the table.

#include "touch/import/readers.hpp"

#include <exception>
#include <memory>
#include <new>

namespace touch {
namespace {

// What an exception says, for the diagnostic that reports it.
std::string what_of(std::exception_ptr thrown) {
    try {
        std::rethrow_exception(thrown);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "an unknown exception";
    }
}

Diagnostic failed(std::string_view path, std::exception_ptr thrown) {
    return {std::string(path),
            0,
            0,
            Severity::error,
            "cannot be read: " + what_of(std::move(thrown)),
            ""};
}

// A CallLogReader whose feed and finish the binary calls through the
// table: the first exception ends the reading and becomes an error.
class GuardedCallLog final : public ChunkSink {
public:
    GuardedCallLog(std::string_view path, const CallsWindow& window)
        : path_(path) {
        guard([&] { reader_ = std::make_unique<CallLogReader>(path, window); });
    }
    void feed(std::string_view chunk) override {
        guard([&] { reader_->feed(chunk); });
    }
    void finish() override {
        guard([&] { reader_->finish(); });
    }
    CallsResult& result() { return reader_ && !failed_ ? reader_->result() : failed_result_; }

private:
    template <class Step> void guard(Step step) noexcept {
        if (failed_) return;
        try {
            step();
        } catch (...) {
            failed_ = true;
            failed_result_ = {};
            failed_result_.diagnostics.push_back(failed(path_, std::current_exception()));
        }
    }

    std::string path_;
    std::unique_ptr<CallLogReader> reader_;
    CallsResult failed_result_;
    bool failed_ = false;
};

ChunkSink* open_call_log(std::string_view path, const CallsWindow& window) noexcept {
    return new GuardedCallLog(path, window);
}

CallsResult& call_log_result(ChunkSink& reader) noexcept {
    return static_cast<GuardedCallLog&>(reader).result();
}

void close_call_log(ChunkSink* reader) noexcept {
    delete static_cast<GuardedCallLog*>(reader);
}

bool known_region(std::string_view region) noexcept {
    try {
        return PhoneNumbers::known_region(region);
    } catch (...) {
        return false;
    }
}

std::optional<std::string> e164(std::string_view region, std::string_view number) noexcept {
    try {
        return PhoneNumbers(std::string(region)).e164(number);
    } catch (...) {
        return std::nullopt;
    }
}

template <class Read> MailResult guarded_mail(std::string_view path, Read read) noexcept {
    try {
        return read();
    } catch (...) {
        MailResult out;
        out.diagnostics.push_back(failed(path, std::current_exception()));
        return out;
    }
}

MailResult message_headers(std::string_view bytes, std::string_view path,
                           const MailWindow& window) noexcept {
    return guarded_mail(path, [&] { return read_message_headers(bytes, path, window); });
}

MailResult mbox(int fd, std::string_view path, const MailWindow& window) noexcept {
    return guarded_mail(path, [&] { return read_mbox(fd, path, window); });
}

const date::time_zone* zone(const char* configured, const char* tz) noexcept {
    return output_zone(configured, tz);
}

constexpr Readers table{readers_version, readers_layout(),
                        &open_call_log,  &call_log_result,
                        &close_call_log, &known_region,
                        &e164,           &message_headers,
                        &mbox,           &zone};

} // namespace
} // namespace touch

extern "C" __attribute__((visibility("default"))) const touch::Readers* touch_readers() {
    return &touch::table;
}
