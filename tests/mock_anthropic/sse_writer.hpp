#pragma once

#include <ostream>
#include <string>

#include "anthropic_events.hpp"

namespace mock_anthropic {

// "event: <type>\ndata: <data>\n\n"
std::string formatSseEvent(const SseEvent& event);

// Writes events to a (chunked) response stream, flushing after each one so every event leaves
// as its own chunk at once. After the first failed write (the client went away) it stops
// writing and reports failure.
class SseWriter {
  public:
    explicit SseWriter(std::ostream& out) : out_(out) {}

    bool write(const SseEvent& event);
    bool ok() const { return ok_; }

  private:
    std::ostream& out_;
    bool ok_ = true;
};

}  // namespace mock_anthropic
