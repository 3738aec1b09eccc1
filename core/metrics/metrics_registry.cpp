#include "metrics/metrics_registry.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace claude_proxy::metrics {
namespace {

bool isValidName(const std::string& name) {
    if (name.empty()) {
        return false;
    }
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !(digit && i > 0)) {
            return false;
        }
    }
    return true;
}

const char* typeName(MetricsRegistry::Kind kind) {
    switch (kind) {
        case MetricsRegistry::Kind::Counter:
            return "counter";
        case MetricsRegistry::Kind::Gauge:
            return "gauge";
        case MetricsRegistry::Kind::Histogram:
            return "histogram";
    }
    return "untyped";
}

// {a="x",b="y"} (with an extra label appended when given); "" without labels.
std::string labelSet(const std::vector<std::string>& names, const LabelValues& values,
                     const std::string& extraName = "", const std::string& extraValue = "") {
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
        text += (text.empty() ? "" : ",") + names[i] + "=\"" + escapeLabelValue(values[i]) + "\"";
    }
    if (!extraName.empty()) {
        text += (text.empty() ? "" : ",") + extraName + "=\"" + extraValue + "\"";
    }
    return text.empty() ? "" : "{" + text + "}";
}

std::string escapeHelp(const std::string& help) {
    std::string out;
    for (const char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string escapeLabelValue(const std::string& value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string formatNumber(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), "%.9g", value);
    return buffer;
}

void MetricsRegistry::declare(const std::string& name, Kind kind, const std::string& help,
                              std::vector<std::string> labelNames, std::vector<double> buckets) {
    if (!isValidName(name)) {
        throw std::invalid_argument("invalid metric name '" + name + "'");
    }
    for (const auto& label : labelNames) {
        if (!isValidName(label) || label == "le") {
            throw std::invalid_argument("invalid label name '" + label + "' on " + name);
        }
    }
    for (std::size_t i = 1; i < buckets.size(); ++i) {
        if (!(buckets[i - 1] < buckets[i])) {
            throw std::invalid_argument("buckets of " + name + " are not ascending");
        }
    }
    std::lock_guard lock(mutex_);
    for (const auto& existing : families_) {
        if (existing.name == name) {
            throw std::invalid_argument("metric '" + name + "' declared twice");
        }
    }
    families_.push_back({name, kind, help, std::move(labelNames), std::move(buckets), {}, {}});
}

MetricsRegistry::Family& MetricsRegistry::family(const std::string& name, Kind expected) {
    for (auto& candidate : families_) {
        if (candidate.name == name) {
            if (candidate.kind != expected) {
                throw std::logic_error("metric '" + name + "' used as the wrong type");
            }
            return candidate;
        }
    }
    throw std::logic_error("metric '" + name + "' was not declared");
}

void MetricsRegistry::add(const std::string& name, const LabelValues& labels, double amount) {
    std::lock_guard lock(mutex_);
    auto& counter = family(name, Kind::Counter);
    counter.values[labels] += amount;
}

void MetricsRegistry::set(const std::string& name, const LabelValues& labels, double value) {
    std::lock_guard lock(mutex_);
    family(name, Kind::Gauge).values[labels] = value;
}

void MetricsRegistry::observe(const std::string& name, const LabelValues& labels, double value) {
    std::lock_guard lock(mutex_);
    auto& histogram = family(name, Kind::Histogram);
    auto& series = histogram.histograms[labels];
    series.bucketCounts.resize(histogram.buckets.size(), 0);
    for (std::size_t i = 0; i < histogram.buckets.size(); ++i) {
        if (value <= histogram.buckets[i]) {
            ++series.bucketCounts[i];
            break;  // made cumulative when rendered
        }
    }
    series.sum += value;
    ++series.count;
}

std::string MetricsRegistry::render() const {
    std::lock_guard lock(mutex_);
    std::string text;
    for (const auto& family : families_) {
        text += "# HELP " + family.name + " " + escapeHelp(family.help) + "\n";
        text += "# TYPE " + family.name + " " + typeName(family.kind) + "\n";
        if (family.kind != Kind::Histogram) {
            for (const auto& [labels, value] : family.values) {
                text += family.name + labelSet(family.labelNames, labels) + " " +
                        formatNumber(value) + "\n";
            }
            continue;
        }
        for (const auto& [labels, series] : family.histograms) {
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < family.buckets.size(); ++i) {
                cumulative += series.bucketCounts[i];
                text += family.name + "_bucket" +
                        labelSet(family.labelNames, labels, "le", formatNumber(family.buckets[i])) +
                        " " + std::to_string(cumulative) + "\n";
            }
            text += family.name + "_bucket" + labelSet(family.labelNames, labels, "le", "+Inf") +
                    " " + std::to_string(series.count) + "\n";
            text += family.name + "_sum" + labelSet(family.labelNames, labels) + " " +
                    formatNumber(series.sum) + "\n";
            text += family.name + "_count" + labelSet(family.labelNames, labels) + " " +
                    std::to_string(series.count) + "\n";
        }
    }
    return text;
}

}  // namespace claude_proxy::metrics
