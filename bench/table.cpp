#include "table.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace claude_proxy::bench {
namespace {

// Display width: every UTF-8 lead byte counts as one column (the cells hold no wide characters).
std::size_t displayWidth(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

std::string padded(const std::string& text, std::size_t width) {
    const std::size_t shown = displayWidth(text);
    return shown >= width ? text : text + std::string(width - shown, ' ');
}

// `value` with `decimals` digits after the point; a leading sign when `sign` is set.
std::string fixed(double value, int decimals, bool sign = false) {
    char buffer[64] = {};
    if (sign) {
        std::snprintf(buffer, sizeof buffer, "%+.*f", decimals, value);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    }
    return buffer;
}

}  // namespace

Table::Table(std::vector<std::string> header) : header_(std::move(header)) {}

void Table::addRow(std::vector<std::string> cells) {
    cells.resize(header_.size());
    rows_.push_back(std::move(cells));
}

std::string Table::markdown() const {
    std::vector<std::size_t> widths(header_.size(), 3);
    const auto widen = [&widths](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            widths[i] = std::max(widths[i], displayWidth(cells[i]));
        }
    };
    widen(header_);
    for (const auto& row : rows_) {
        widen(row);
    }
    const auto line = [&widths](const std::vector<std::string>& cells) {
        std::string text = "|";
        for (std::size_t i = 0; i < cells.size(); ++i) {
            text += " " + padded(cells[i], widths[i]) + " |";
        }
        return text + "\n";
    };
    std::string out = line(header_);
    out += "|";
    for (const std::size_t width : widths) {
        out += std::string(width + 2, '-') + "|";
    }
    out += "\n";
    for (const auto& row : rows_) {
        out += line(row);
    }
    return out;
}

std::string formatMs(const std::optional<Summary>& summary) {
    if (!summary) {
        return "n/a";
    }
    return fixed(summary->median, 1) + " ms" + " (" + fixed(summary->min, 1) + "–" +
           fixed(summary->max, 1) + ")";
}

std::string formatMs(double milliseconds) {
    return fixed(milliseconds, 1) + " ms";
}

std::string formatBytes(const std::optional<Summary>& summary) {
    if (!summary) {
        return "n/a";
    }
    if (summary->min == summary->max) {
        return fixed(summary->median, 0) + " B";
    }
    return fixed(summary->median, 0) + " B" + " (" + fixed(summary->min, 0) + "–" +
           fixed(summary->max, 0) + ")";
}

std::string formatMb(long kilobytes) {
    return fixed(static_cast<double>(kilobytes) / 1024.0, 1) + " MB";
}

std::string formatRatio(double proxy, double bare) {
    if (bare <= 0.0) {
        return "n/a";
    }
    return fixed(proxy / bare, 3);
}

std::string formatDifference(double proxy, double bare, const std::string& unit) {
    return fixed(proxy - bare, 1, true) + " " + unit;
}

}  // namespace claude_proxy::bench
