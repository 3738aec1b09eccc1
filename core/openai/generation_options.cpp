#include "openai/generation_options.hpp"

#include "json/bounded_json.hpp"
#include "openai/api_error.hpp"
#include "openai/request_fields.hpp"

namespace claude_proxy::openai {
namespace {

using namespace fields;

constexpr std::size_t kMaxStopSequences = 4;
constexpr std::int64_t kMaxOutputTokens = 128000;

}  // namespace

std::optional<std::string> effortFor(std::string_view reasoningEffort) {
    if (reasoningEffort == "none" || reasoningEffort == "minimal" || reasoningEffort == "low") {
        return std::string("low");
    }
    if (reasoningEffort == "medium" || reasoningEffort == "high" || reasoningEffort == "xhigh" ||
        reasoningEffort == "max") {
        return std::string(reasoningEffort);
    }
    return std::nullopt;
}

void parseResponseFormat(const rapidjson::Value& format, const std::string& param,
                         bool nestedSchema, bool hasTools, GenerationOptions& options) {
    if (!format.IsObject()) {
        failType(param, "an object", format);
    }
    const std::string type = requireString(format, "type", param);
    if (type == "text") {
        return;
    }
    if (type != "json_object" && type != "json_schema") {
        failValue(dotted(param, "type"),
                  "'" + echo(type) + "' is not one of 'text', 'json_object', 'json_schema'.");
    }
    if (hasTools) {
        failUnsupported(param,
                        "Structured output cannot be combined with tools in one request: the "
                        "CLI answers a schema through a tool of its own. Send the schema in a "
                        "request without tools.");
    }
    if (type == "json_object") {
        options.jsonSchema = R"({"type":"object"})";
        return;
    }
    const std::string holderParam = nestedSchema ? dotted(param, "json_schema") : param;
    const Value* holder = &format;
    if (nestedSchema) {
        holder = memberOf(format, "json_schema");
        if (holder == nullptr) {
            failMissing(holderParam);
        }
        if (!holder->IsObject()) {
            failType(holderParam, "an object", *holder);
        }
    }
    if (const Value* name = memberOf(*holder, "name")) {
        if (!name->IsString()) {
            failType(dotted(holderParam, "name"), "a string", *name);
        }
        options.jsonSchemaName = textOf(*name, dotted(holderParam, "name"));
    }
    const Value* schema = memberOf(*holder, "schema");
    if (schema == nullptr) {
        failMissing(dotted(holderParam, "schema"));
    }
    if (!schema->IsObject()) {
        failType(dotted(holderParam, "schema"), "an object (a JSON Schema)", *schema);
    }
    options.jsonSchema = json::compact(*schema);
}

void parseGenerationFields(const rapidjson::Value& root, bool hasTools,
                           GenerationOptions& options) {
    if (const Value* format = memberOf(root, "response_format")) {
        parseResponseFormat(*format, "response_format", true, hasTools, options);
    }
    if (const Value* effort = memberOf(root, "reasoning_effort")) {
        if (!effort->IsString()) {
            failType("reasoning_effort", "a string", *effort);
        }
        const std::string value = textOf(*effort, "reasoning_effort");
        options.effort = effortFor(value);
        if (!options.effort) {
            failValue("reasoning_effort", "'" + echo(value) +
                                              "' is not one of 'none', 'minimal', 'low', "
                                              "'medium', 'high', 'xhigh'.");
        }
    }
    if (const Value* stop = memberOf(root, "stop")) {
        if (stop->IsString()) {
            if (stop->GetStringLength() > 0) {
                options.stop.push_back(textOf(*stop, "stop"));
            }
        } else if (stop->IsArray()) {
            if (stop->Size() > kMaxStopSequences) {
                failValue("stop", "at most 4 stop sequences are allowed.");
            }
            for (rapidjson::SizeType i = 0; i < stop->Size(); ++i) {
                const Value& item = (*stop)[i];
                if (!item.IsString()) {
                    failType(indexed("stop", i), "a string", item);
                }
                if (item.GetStringLength() > 0) {
                    options.stop.push_back(textOf(item, indexed("stop", i)));
                }
            }
        } else {
            failType("stop", "a string or an array of strings", *stop);
        }
    }
    for (const char* name : {"max_tokens", "max_completion_tokens"}) {
        const Value* limit = memberOf(root, name);
        if (limit == nullptr) {
            continue;
        }
        if (!isInteger(*limit)) {
            failType(name, "an integer", *limit);
        }
        const long long value = integerOf(*limit);
        if (value < 1 || value > kMaxOutputTokens) {
            failValue(name, "must be from 1 to " + std::to_string(kMaxOutputTokens) + ".");
        }
        // max_completion_tokens is the current name; it wins over the older one.
        if (!options.maxTokens || std::string_view(name) == "max_completion_tokens") {
            options.maxTokens = value;
        }
    }
}

}  // namespace claude_proxy::openai
