#include "sse_writer.hpp"

namespace mock_anthropic {

std::string formatSseEvent(const SseEvent& event) {
    return "event: " + event.type + "\ndata: " + event.data + "\n\n";
}

bool SseWriter::write(const SseEvent& event) {
    if (!ok_) {
        return false;
    }
    try {
        out_ << formatSseEvent(event);
        out_.flush();
        ok_ = out_.good();
    } catch (const std::exception&) {
        ok_ = false;  // streams with exceptions enabled report a dead peer by throwing
    }
    return ok_;
}

}  // namespace mock_anthropic
