#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace claude_proxy::streaming {

// Cuts the CLI's stdout (NDJSON: one JSON object per line) into whole lines, whatever the read
// boundaries were: a line split across reads (and so a UTF-8 sequence split across reads) is
// held back until its newline arrives. A line longer than `maxLineBytes` is dropped, counted,
// and never buffered past the bound. Pure; one instance per CLI run.
class LineSplitter {
  public:
    using LineHandler = std::function<void(std::string_view line)>;

    explicit LineSplitter(std::size_t maxLineBytes) : maxLineBytes_(maxLineBytes) {}

    // Feeds bytes; calls `onLine` for each complete line (without "\n" or a trailing "\r").
    void feed(std::string_view bytes, const LineHandler& onLine);

    // End of output: a last line without a newline is delivered too.
    void finish(const LineHandler& onLine);

    std::size_t droppedLines() const { return droppedLines_; }

  private:
    void deliver(const LineHandler& onLine);

    std::size_t maxLineBytes_;
    std::string pending_;
    bool discarding_ = false;  // inside an over-long line: skip until its newline
    std::size_t droppedLines_ = 0;
};

}  // namespace claude_proxy::streaming
