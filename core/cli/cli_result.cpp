#include "cli/cli_result.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace claude_proxy::cli {

namespace {

using rapidjson::Value;

std::string_view trimmed(std::string_view text) {
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && isSpace(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && isSpace(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

// Reads a JSON number as a non-negative count; anything else (null, string, negative) is 0.
std::int64_t countOf(const Value& object, const char* key) {
    if (!object.IsObject()) {
        return 0;
    }
    const auto it = object.FindMember(key);
    if (it == object.MemberEnd()) {
        return 0;
    }
    const Value& v = it->value;
    if (v.IsInt64()) {
        return std::max<std::int64_t>(0, v.GetInt64());
    }
    if (v.IsUint64()) {
        return std::numeric_limits<std::int64_t>::max();
    }
    if (v.IsDouble()) {
        const double d = v.GetDouble();
        if (!std::isfinite(d) || d <= 0.0) {
            return 0;
        }
        if (d >= 9.2e18) {
            return std::numeric_limits<std::int64_t>::max();
        }
        return static_cast<std::int64_t>(d);
    }
    return 0;
}

std::string stringOf(const Value& object, const char* key) {
    const auto it = object.FindMember(key);
    if (it != object.MemberEnd() && it->value.IsString()) {
        return std::string(it->value.GetString(), it->value.GetStringLength());
    }
    return {};
}

bool isResultType(const Value& v) {
    if (!v.IsObject()) {
        return false;
    }
    const auto it = v.FindMember("type");
    return it != v.MemberEnd() && it->value.IsString() &&
           std::string_view(it->value.GetString(), it->value.GetStringLength()) == "result";
}

std::optional<CliResult> fromObject(const Value& object) {
    if (!object.IsObject()) {
        return std::nullopt;
    }
    const auto isError = object.FindMember("is_error");
    if (isError == object.MemberEnd() || !isError->value.IsBool()) {
        return std::nullopt;
    }

    CliResult out;
    out.isError = isError->value.GetBool();
    out.subtype = stringOf(object, "subtype");
    out.stopReason = stringOf(object, "stop_reason");
    out.terminalReason = stringOf(object, "terminal_reason");
    out.apiErrorType = stringOf(object, "api_error_type");

    const auto result = object.FindMember("result");
    if (result != object.MemberEnd() && result->value.IsString()) {
        out.resultText = std::string(result->value.GetString(), result->value.GetStringLength());
    }

    const auto status = object.FindMember("api_error_status");
    if (status != object.MemberEnd()) {
        const Value& v = status->value;
        if (v.IsInt()) {
            out.apiErrorStatus = v.GetInt();
        } else if (v.IsDouble() && std::isfinite(v.GetDouble()) && v.GetDouble() >= 0.0 &&
                   v.GetDouble() < 1000.0) {
            out.apiErrorStatus = static_cast<int>(v.GetDouble());
        }
    }

    const auto errors = object.FindMember("errors");
    if (errors != object.MemberEnd() && errors->value.IsArray()) {
        for (const Value& e : errors->value.GetArray()) {
            if (e.IsString()) {
                out.errors.emplace_back(e.GetString(), e.GetStringLength());
            }
        }
    }

    const auto usage = object.FindMember("usage");
    if (usage != object.MemberEnd() && usage->value.IsObject()) {
        const Value& u = usage->value;
        out.usage.inputTokens = countOf(u, "input_tokens");
        out.usage.outputTokens = countOf(u, "output_tokens");
        out.usage.cacheReadInputTokens = countOf(u, "cache_read_input_tokens");
        out.usage.cacheCreationInputTokens = countOf(u, "cache_creation_input_tokens");
        const auto details = u.FindMember("output_tokens_details");
        if (details != u.MemberEnd()) {
            out.usage.thinkingTokens = countOf(details->value, "thinking_tokens");
        }
    }

    const auto structured = object.FindMember("structured_output");
    if (structured != object.MemberEnd() && !structured->value.IsNull()) {
        out.structuredOutput = json::compact(structured->value);
    }

    // The answering model: the modelUsage entry with the most output tokens, first one on ties.
    const auto modelUsage = object.FindMember("modelUsage");
    if (modelUsage != object.MemberEnd() && modelUsage->value.IsObject()) {
        std::int64_t best = -1;
        for (const auto& entry : modelUsage->value.GetObject()) {
            const std::int64_t tokens = countOf(entry.value, "outputTokens");
            if (tokens > best) {
                best = tokens;
                out.model.assign(entry.name.GetString(), entry.name.GetStringLength());
            }
        }
    }
    return out;
}

// Looks for a result object in `text` (one JSON document): the object itself, or for the
// `--verbose` array form its last element of type "result". Returns false when there is none;
// otherwise true, with `out` holding the parsed result (nullopt when it lacks `is_error`).
bool findResult(std::string_view text, std::optional<CliResult>& out) {
    text = trimmed(text);
    if (text.empty() || (text.front() != '{' && text.front() != '[') ||
        text.find("\"result\"") == std::string_view::npos) {
        return false;
    }
    rapidjson::Document doc;
    if (!json::parse(doc, text, kCliJsonParse).ok()) {
        return false;
    }
    if (isResultType(doc)) {
        out = fromObject(doc);
        return true;
    }
    if (doc.IsArray()) {
        const auto items = doc.GetArray();
        for (auto it = items.End(); it != items.Begin();) {
            --it;
            if (isResultType(*it)) {
                out = fromObject(*it);
                return true;
            }
        }
    }
    return false;
}

}  // namespace

std::optional<CliResult> parseResultOutput(std::string_view stdoutText) {
    std::optional<CliResult> out;
    // Walk the lines from the end: the result is printed last, noise may precede it.
    std::size_t end = stdoutText.size();
    while (end > 0) {
        const std::size_t newline = stdoutText.rfind('\n', end - 1);
        const std::size_t begin = newline == std::string_view::npos ? 0 : newline + 1;
        if (findResult(stdoutText.substr(begin, end - begin), out)) {
            return out;
        }
        if (newline == std::string_view::npos) {
            break;
        }
        end = newline;
    }
    // Not one object per line (e.g. pretty-printed): try the whole text as one document.
    if (stdoutText.find('\n') != std::string_view::npos && findResult(stdoutText, out)) {
        return out;
    }
    return std::nullopt;
}

std::optional<CliResult> parseResultObject(std::string_view jsonLine) {
    jsonLine = trimmed(jsonLine);
    if (jsonLine.empty() || jsonLine.front() != '{') {
        return std::nullopt;
    }
    rapidjson::Document doc;
    if (!json::parse(doc, jsonLine, kCliJsonParse).ok()) {
        return std::nullopt;
    }
    return fromObject(doc);
}

}  // namespace claude_proxy::cli
