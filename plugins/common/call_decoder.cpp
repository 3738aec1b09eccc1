#include "common/call_decoder.hpp"

#include <array>

#include "common/json_scan.hpp"
#include "common/json_text.hpp"
#include "common/text_util.hpp"

namespace claude_proxy::plugins {
namespace {

constexpr std::array<std::string_view, 3> kStrictArgumentKeys = {"arguments", "parameters",
                                                                 "input"};
constexpr std::array<std::string_view, 4> kLenientArgumentKeys = {"arguments", "parameters",
                                                                  "input", "args"};

using Members = std::vector<JsonMember>;

const JsonMember* findMember(const Members& members, std::string_view key) {
    for (const auto& member : members) {
        if (member.key == key) {
            return &member;
        }
    }
    return nullptr;
}

template <std::size_t N>
bool isOneOf(std::string_view key, const std::array<std::string_view, N>& allowed) {
    for (const auto candidate : allowed) {
        if (key == candidate) {
            return true;
        }
    }
    return false;
}

// Strict mode: every key of `members` is one of `allowed`.
template <std::size_t N>
bool onlyKeys(const Members& members, const std::array<std::string_view, N>& allowed) {
    for (const auto& member : members) {
        if (!isOneOf(member.key, allowed)) {
            return false;
        }
    }
    return true;
}

// Valid JSON text for `text`, repairing raw control characters in strings when lenient.
std::optional<std::string> validJson(std::string_view text, DecodeMode mode) {
    if (isValidJson(text)) {
        return std::string(text);
    }
    if (mode == DecodeMode::Lenient) {
        std::string repaired = escapeControlCharactersInStrings(text);
        if (isValidJson(repaired)) {
            return repaired;
        }
    }
    return std::nullopt;
}

// The arguments value as compact object text.
std::optional<std::string> decodeArguments(const JsonMember* member, DecodeMode mode) {
    const bool lenient = mode == DecodeMode::Lenient;
    if (member == nullptr) {
        return lenient ? std::optional<std::string>("{}") : std::nullopt;
    }
    switch (jsonKind(member->value)) {
        case JsonKind::Object:
            return compactJson(member->value);
        case JsonKind::String: {
            const auto decoded = decodeJsonString(member->value);
            if (!decoded) {
                return std::nullopt;
            }
            if (lenient && trim(*decoded).empty()) {
                return "{}";
            }
            const auto inner = validJson(*decoded, mode);
            if (!inner || jsonKind(*inner) != JsonKind::Object) {
                return std::nullopt;
            }
            return compactJson(*inner);
        }
        case JsonKind::Scalar:
            if (lenient && trim(member->value) == "null") {
                return "{}";
            }
            return std::nullopt;
        default:
            return std::nullopt;
    }
}

const JsonMember* argumentsMember(const Members& members, DecodeMode mode, bool& ambiguous) {
    const JsonMember* found = nullptr;
    std::size_t count = 0;
    const auto consider = [&](std::string_view key) {
        if (const JsonMember* member = findMember(members, key)) {
            ++count;
            if (found == nullptr) {
                found = member;
            }
        }
    };
    if (mode == DecodeMode::Strict) {
        for (const auto key : kStrictArgumentKeys) {
            consider(key);
        }
    } else {
        for (const auto key : kLenientArgumentKeys) {
            consider(key);
        }
    }
    ambiguous = mode == DecodeMode::Strict && count != 1;
    return found;
}

std::optional<sdk::ParsedCall> decodeCallObject(const Members& outer, DecodeMode mode,
                                                const NameResolver& resolve) {
    const bool strict = mode == DecodeMode::Strict;
    if (strict) {
        const JsonMember* type = findMember(outer, "type");
        if (type != nullptr &&
            decodeJsonString(type->value) != std::optional<std::string>("function")) {
            return std::nullopt;
        }
    }
    const Members* fields = &outer;
    Members inner;
    const JsonMember* function = findMember(outer, "function");
    if (function != nullptr && jsonKind(function->value) == JsonKind::Object) {
        auto members = objectMembers(function->value);
        if (!members) {
            return std::nullopt;
        }
        inner = std::move(*members);
        fields = &inner;
        if (strict &&
            (!onlyKeys(outer, std::array<std::string_view, 3>{"function", "id", "type"}) ||
             !onlyKeys(inner, std::array<std::string_view, 4>{"name", "arguments", "parameters",
                                                              "input"}))) {
            return std::nullopt;
        }
    } else if (strict &&
               !onlyKeys(outer, std::array<std::string_view, 6>{"name", "arguments", "parameters",
                                                                "input", "id", "type"})) {
        return std::nullopt;
    }

    const JsonMember* nameMember = findMember(*fields, "name");
    if (nameMember == nullptr) {
        return std::nullopt;
    }
    const auto name = decodeJsonString(nameMember->value);
    if (!name || name->empty()) {
        return std::nullopt;
    }
    bool ambiguous = false;
    const JsonMember* args = argumentsMember(*fields, mode, ambiguous);
    if (ambiguous) {
        return std::nullopt;
    }
    auto arguments = decodeArguments(args, mode);
    if (!arguments) {
        return std::nullopt;
    }
    auto resolved = resolve ? resolve(*name) : std::optional<std::string>();
    if (!resolved) {
        return std::nullopt;
    }
    return sdk::ParsedCall{std::move(*resolved), std::move(*arguments)};
}

// Appends the calls of one JSON value (an object or an array of objects) to `out`.
bool decodeValue(std::string_view value, DecodeMode mode, const NameResolver& resolve,
                 std::vector<sdk::ParsedCall>& out) {
    switch (jsonKind(value)) {
        case JsonKind::Object: {
            const auto members = objectMembers(value);
            if (!members) {
                return false;
            }
            const JsonMember* wrapped = findMember(*members, "tool_calls");
            if (mode == DecodeMode::Lenient && wrapped != nullptr &&
                findMember(*members, "name") == nullptr &&
                findMember(*members, "function") == nullptr) {
                return jsonKind(wrapped->value) == JsonKind::Array &&
                       decodeValue(wrapped->value, mode, resolve, out);
            }
            auto call = decodeCallObject(*members, mode, resolve);
            if (!call) {
                return false;
            }
            out.push_back(std::move(*call));
            return true;
        }
        case JsonKind::Array: {
            const auto elements = arrayElements(value);
            if (!elements || elements->empty()) {
                return false;
            }
            for (const auto element : *elements) {
                if (jsonKind(element) != JsonKind::Object) {
                    return false;
                }
                if (!decodeValue(element, mode, resolve, out)) {
                    return false;
                }
            }
            return true;
        }
        default:
            return false;
    }
}

}  // namespace

std::optional<std::vector<sdk::ParsedCall>> decodeCalls(std::string_view body, DecodeMode mode,
                                                        const NameResolver& resolve) {
    std::vector<sdk::ParsedCall> calls;
    const std::string_view text = trim(body);
    // Every accepted shape has a "name" key. Checking for it first keeps ordinary JSON in
    // answers cheap: the streaming scan looks at every closed ```json block on every call.
    if (text.find("\"name\"") == std::string_view::npos) {
        return std::nullopt;
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (isSpace(text[pos]) || (mode == DecodeMode::Lenient && text[pos] == ',' && pos > 0)) {
            ++pos;
            continue;
        }
        if (mode == DecodeMode::Strict && pos > 0) {
            return std::nullopt;  // strict: exactly one value
        }
        const BalanceScan scan = scanBalanced(text, pos);
        if (scan.status != BalanceStatus::Complete) {
            return std::nullopt;
        }
        const auto value = validJson(text.substr(pos, scan.end - pos), mode);
        if (!value || !decodeValue(*value, mode, resolve, calls)) {
            return std::nullopt;
        }
        pos = scan.end;
    }
    if (calls.empty()) {
        return std::nullopt;
    }
    return calls;
}

}  // namespace claude_proxy::plugins
