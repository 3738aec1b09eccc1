#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stats.hpp"

namespace claude_proxy::bench {

// A table printed as Markdown (pipes and a separator row), columns padded to line up, so it
// reads in a terminal and pastes into the README as is.
class Table {
  public:
    explicit Table(std::vector<std::string> header);

    void addRow(std::vector<std::string> cells);  // missing cells print empty
    std::string markdown() const;

  private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

// Cell texts. A missing value prints as "n/a".
std::string formatMs(const std::optional<Summary>& summary);  // "612.3 ms (598.0–640.1)"
std::string formatMs(double milliseconds);                    // "612.3 ms"
std::string formatBytes(const std::optional<Summary>& summary);
std::string formatMb(long kilobytes);                // "12.3 MB" (MiB)
std::string formatRatio(double proxy, double bare);  // "1.012"
std::string formatDifference(double proxy, double bare, const std::string& unit);  // "+7.1 ms"

}  // namespace claude_proxy::bench
