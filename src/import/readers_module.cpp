// The readers' module's one entry point (readers.hpp): the table of the
// functions the binary calls, over the readers built into the module.

#include "touch/import/readers.hpp"

namespace touch {
namespace {

ChunkSink* open_call_log(std::string_view path, const CallsWindow& window) {
    return new CallLogReader(path, window);
}

CallsResult& call_log_result(ChunkSink& reader) {
    return static_cast<CallLogReader&>(reader).result();
}

void close_call_log(ChunkSink* reader) {
    delete static_cast<CallLogReader*>(reader);
}

bool known_region(std::string_view region) {
    return PhoneNumbers::known_region(region);
}

std::optional<std::string> e164(std::string_view region, std::string_view number) {
    return PhoneNumbers(std::string(region)).e164(number);
}

constexpr Readers table{readers_version, readers_layout(), &open_call_log, &call_log_result,
                        &close_call_log, &known_region,    &e164,          &read_message_headers,
                        &read_mbox};

} // namespace
} // namespace touch

extern "C" __attribute__((visibility("default"))) const touch::Readers* touch_readers() {
    return &touch::table;
}
