#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace claude_proxy::metrics {

// Label values of one series, in the order of the family's label names.
using LabelValues = std::vector<std::string>;

// Counters, gauges and histograms in the Prometheus text exposition format (version 0.0.4).
// Families are declared once at start-up; observations come from any thread (one mutex: the
// proxy serves a few requests a second, each costing a CLI run). Pure apart from the lock.
class MetricsRegistry {
  public:
    enum class Kind { Counter, Gauge, Histogram };

    // Declares a family. `buckets` (upper bounds, ascending) only for histograms. Names and
    // labels must be valid Prometheus identifiers; declaring one name twice throws.
    void declare(const std::string& name, Kind kind, const std::string& help,
                 std::vector<std::string> labelNames, std::vector<double> buckets = {});

    void add(const std::string& name, const LabelValues& labels, double amount = 1.0);
    void set(const std::string& name, const LabelValues& labels, double value);
    void observe(const std::string& name, const LabelValues& labels, double value);

    // The whole exposition: # HELP, # TYPE, then one line per series (histograms: _bucket
    // lines with le, +Inf, _sum, _count). Families in declaration order, series sorted.
    std::string render() const;

  private:
    struct Histogram {
        std::vector<std::uint64_t> bucketCounts;  // cumulative at render time, not here
        double sum = 0;
        std::uint64_t count = 0;
    };
    struct Family {
        std::string name;
        Kind kind;
        std::string help;
        std::vector<std::string> labelNames;
        std::vector<double> buckets;
        std::map<LabelValues, double> values;         // counters and gauges
        std::map<LabelValues, Histogram> histograms;  // histograms
    };

    Family& family(const std::string& name, Kind expected);

    mutable std::mutex mutex_;
    std::vector<Family> families_;
};

// "a\\b\"c\n" style escaping of a label value.
std::string escapeLabelValue(const std::string& value);

// A number the way Prometheus reads it: integers without a fraction, +Inf/-Inf/NaN by name.
std::string formatNumber(double value);

}  // namespace claude_proxy::metrics
