#include "scenario.hpp"

#include <cctype>
#include <charconv>
#include <functional>
#include <map>

#include "base64.hpp"

namespace mock_anthropic {
namespace {

constexpr std::string_view kPrefix = "MOCK:";

bool isNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

bool isValueChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("+/=_.:-").find(c) != std::string_view::npos;
}

std::vector<Marker> findMarkers(std::string_view text) {
    std::vector<Marker> markers;
    std::size_t at = text.find(kPrefix);
    while (at != std::string_view::npos) {
        std::size_t end = at + kPrefix.size();
        const std::size_t nameStart = end;
        while (end < text.size() && isNameChar(text[end])) {
            ++end;
        }
        Marker marker{std::string(text.substr(nameStart, end - nameStart)), std::nullopt};
        if (end < text.size() && text[end] == '=') {
            const std::size_t valueStart = ++end;
            while (end < text.size() && isValueChar(text[end])) {
                ++end;
            }
            marker.value = std::string(text.substr(valueStart, end - valueStart));
        }
        if (!marker.name.empty()) {
            markers.push_back(std::move(marker));
        }
        at = text.find(kPrefix, end);
    }
    return markers;
}

std::optional<int> parseInt(const std::optional<std::string>& value, int lowest, int highest) {
    if (!value || value->empty()) {
        return std::nullopt;
    }
    int parsed = 0;
    const char* first = value->data();
    const char* last = first + value->size();
    const auto [end, error] = std::from_chars(first, last, parsed);
    if (error != std::errc() || end != last || parsed < lowest || parsed > highest) {
        return std::nullopt;
    }
    return parsed;
}

// Applies one marker to the scenario; false when its value is missing or unusable.
using Applier = std::function<bool(Scenario&, const std::optional<std::string>&)>;

Applier flag(bool Scenario::*member) {
    return [member](Scenario& scenario, const std::optional<std::string>&) {
        scenario.*member = true;
        return true;
    };
}

Applier integer(std::optional<int> Scenario::*member, int lowest, int highest) {
    return [member, lowest, highest](Scenario& scenario, const std::optional<std::string>& value) {
        scenario.*member = parseInt(value, lowest, highest);
        return (scenario.*member).has_value();
    };
}

Applier count(int Scenario::*member) {
    return [member](Scenario& scenario, const std::optional<std::string>& value) {
        const auto parsed = parseInt(value, 0, 1'000'000'000);
        scenario.*member = parsed.value_or(0);
        return parsed.has_value();
    };
}

Applier duration(std::chrono::milliseconds Scenario::*member, int highest) {
    return [member, highest](Scenario& scenario, const std::optional<std::string>& value) {
        const auto parsed = parseInt(value, 0, highest);
        scenario.*member = std::chrono::milliseconds(parsed.value_or(0));
        return parsed.has_value();
    };
}

Applier text(std::optional<std::string> Scenario::*member) {
    return [member](Scenario& scenario, const std::optional<std::string>& value) {
        if (!value || value->empty()) {
            return false;
        }
        scenario.*member = *value;
        return true;
    };
}

const std::map<std::string, Applier, std::less<>>& appliers() {
    static const std::map<std::string, Applier, std::less<>> table = {
        {"reply64",
         [](Scenario& scenario, const std::optional<std::string>& value) {
             scenario.replyText = value ? decodeBase64(*value) : std::nullopt;
             return scenario.replyText.has_value();
         }},
        {"echo", flag(&Scenario::echo)},
        {"deltas", integer(&Scenario::deltaCount, 1, 100'000)},
        {"thinking", flag(&Scenario::thinking)},
        {"tool_use", text(&Scenario::toolName)},
        {"tool-input64",
         [](Scenario& scenario, const std::optional<std::string>& value) {
             scenario.toolInput = value ? decodeBase64(*value) : std::nullopt;
             return scenario.toolInput.has_value() && !scenario.toolInput->empty();
         }},
        {"stop", text(&Scenario::stopReason)},
        {"model", text(&Scenario::model)},
        {"cache-read", count(&Scenario::cacheReadTokens)},
        {"cache-creation", count(&Scenario::cacheCreationTokens)},
        {"status", integer(&Scenario::status, 100, 599)},
        {"retry-after", integer(&Scenario::retryAfterSeconds, 0, 86'400)},
        {"no-retry", flag(&Scenario::noRetry)},
        {"slow", duration(&Scenario::deltaPause, 60'000)},
        {"delay-first", duration(&Scenario::firstDeltaDelay, 120'000)},
        {"hang", flag(&Scenario::hang)},
        {"stall", flag(&Scenario::stall)},
        {"midstream-error", flag(&Scenario::midstreamError)},
    };
    return table;
}

}  // namespace

std::string Scenario::describe() const {
    if (markers.empty()) {
        return "default";
    }
    std::string description;
    for (const Marker& marker : markers) {
        if (!description.empty()) {
            description += ' ';
        }
        description += marker.name;
        if (marker.value) {
            description += '=';
            description += *marker.value;
        }
    }
    return description;
}

Scenario parseScenario(std::string_view text) {
    Scenario scenario;
    scenario.markers = findMarkers(text);
    for (const Marker& marker : scenario.markers) {
        const auto found = appliers().find(marker.name);
        if (found == appliers().end()) {
            scenario.problems.push_back("unknown marker: " + marker.name);
        } else if (!found->second(scenario, marker.value)) {
            scenario.problems.push_back("bad value for " + marker.name + ": " +
                                        marker.value.value_or("(none)"));
        }
    }
    return scenario;
}

}  // namespace mock_anthropic
