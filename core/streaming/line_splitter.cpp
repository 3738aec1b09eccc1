#include "streaming/line_splitter.hpp"

namespace claude_proxy::streaming {

void LineSplitter::deliver(const LineHandler& onLine) {
    std::string_view line(pending_);
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    if (!line.empty()) {
        onLine(line);
    }
    pending_.clear();
}

void LineSplitter::feed(std::string_view bytes, const LineHandler& onLine) {
    while (!bytes.empty()) {
        const auto newline = bytes.find('\n');
        const auto piece = bytes.substr(0, newline);
        if (!discarding_) {
            if (pending_.size() + piece.size() > maxLineBytes_) {
                pending_.clear();
                discarding_ = true;
                ++droppedLines_;
            } else {
                pending_.append(piece);
            }
        }
        if (newline == std::string_view::npos) {
            return;
        }
        if (discarding_) {
            discarding_ = false;
        } else {
            deliver(onLine);
        }
        bytes.remove_prefix(newline + 1);
    }
}

void LineSplitter::finish(const LineHandler& onLine) {
    if (!discarding_) {
        deliver(onLine);
    }
    discarding_ = false;
    pending_.clear();
}

}  // namespace claude_proxy::streaming
