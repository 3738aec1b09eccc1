#include "openai/tool_request_parser.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "json/bounded_json.hpp"
#include "openai/api_error.hpp"
#include "openai/request_fields.hpp"

namespace claude_proxy::openai {
namespace {

using namespace fields;

constexpr std::size_t kMaxToolNameLength = 128;

// Letters, digits, '_', '-', and the '.' and ':' agent hosts use for namespaced tools.
bool isValidToolName(const std::string& name) {
    return !name.empty() && name.size() <= kMaxToolNameLength &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == '.' || c == ':';
           });
}

std::string toolName(const Value& holder, const std::string& base) {
    const std::string name = requireString(holder, "name", base);
    if (!isValidToolName(name)) {
        failValue(dotted(base, "name"),
                  "'" + echo(name) +
                      "' must be 1 to 128 characters from a-z, A-Z, 0-9, '_', '-', '.' and ':'.");
    }
    return name;
}

void failOnDuplicateNames(const std::vector<OfferedTool>& tools) {
    std::unordered_set<std::string_view> names;
    names.reserve(tools.size());
    for (const auto& tool : tools) {
        if (!names.insert(tool.name).second) {
            throw ApiError::invalidRequest(
                "Tool names must be unique; '" + echo(tool.name) + "' is offered twice.", "tools",
                "invalid_value");
        }
    }
}

// name, description and parameters of a function definition.
OfferedTool parseFunction(const Value& function, const std::string& base) {
    if (!function.IsObject()) {
        failType(base, "an object", function);
    }
    OfferedTool tool;
    tool.name = toolName(function, base);
    if (const Value* description = memberOf(function, "description")) {
        if (!description->IsString()) {
            failType(dotted(base, "description"), "a string", *description);
        }
        tool.description = textOf(*description, dotted(base, "description"));
    }
    tool.parametersJson = "{}";
    if (const Value* parameters = memberOf(function, "parameters")) {
        if (!parameters->IsObject()) {
            failType(dotted(base, "parameters"), "an object (a JSON Schema)", *parameters);
        }
        tool.parametersJson = json::compact(*parameters);
    }
    return tool;
}

// The function entries of `tools`: each must be an object of type "function"; `parse` reads
// one (with its path, e.g. "tools[2]"). Shared by both APIs' tool shapes.
template <typename Parse>
void parseToolList(const Value& list, std::vector<OfferedTool>& tools, Parse parse) {
    if (!list.IsArray()) {
        failType("tools", "an array", list);
    }
    failIfLonger("tools", list, kMaxTools);
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
        const Value& entry = list[i];
        const std::string param = indexed("tools", i);
        if (!entry.IsObject()) {
            failType(param, "an object", entry);
        }
        const std::string type = requireString(entry, "type", param);
        if (type != "function") {
            failUnsupported(dotted(param, "type"),
                            "Tool type '" + echo(type) +
                                "' is not supported: the proxy has no built-in tools (the CLI "
                                "runs with its own tools turned off); only 'function' tools "
                                "are.");
        }
        tools.push_back(parse(entry, param));
    }
}

std::vector<OfferedTool> parseTools(const Value& root) {
    std::vector<OfferedTool> tools;
    if (const Value* list = memberOf(root, "tools")) {
        parseToolList(*list, tools, [](const Value& entry, const std::string& param) {
            const Value* function = memberOf(entry, "function");
            if (function == nullptr) {
                failMissing(dotted(param, "function"));
            }
            return parseFunction(*function, dotted(param, "function"));
        });
    } else if (const Value* legacy = memberOf(root, "functions")) {
        if (!legacy->IsArray()) {
            failType("functions", "an array", *legacy);
        }
        failIfLonger("functions", *legacy, kMaxTools);
        for (rapidjson::SizeType i = 0; i < legacy->Size(); ++i) {
            tools.push_back(parseFunction((*legacy)[i], indexed("functions", i)));
        }
    }
    failOnDuplicateNames(tools);
    return tools;
}

// Responses tools: the function's fields sit on the entry itself.
std::vector<OfferedTool> parseFlatTools(const Value& root) {
    std::vector<OfferedTool> tools;
    if (const Value* list = memberOf(root, "tools")) {
        parseToolList(*list, tools, [](const Value& entry, const std::string& param) {
            if (const Value* strict = memberOf(entry, "strict");
                strict != nullptr && !strict->IsBool()) {
                failType(dotted(param, "strict"), "a boolean", *strict);
            }
            return parseFunction(entry, param);
        });
    }
    failOnDuplicateNames(tools);
    return tools;
}

// A tool_choice given as a string: "auto", "none", and (not in the legacy function_call)
// "required".
ToolChoiceMode choiceMode(const Value& choice, const char* field, bool requiredAllowed) {
    const std::string mode(choice.GetString(), choice.GetStringLength());
    if (mode == "auto") {
        return ToolChoiceMode::Auto;
    }
    if (mode == "none") {
        return ToolChoiceMode::None;
    }
    if (mode == "required" && requiredAllowed) {
        return ToolChoiceMode::Required;
    }
    failValue(field, "'" + echo(mode) + "' is not one of 'none', 'auto'" +
                         (requiredAllowed ? ", 'required'" : "") + ".");
}

void failIfCallDemandedWithoutTools(const ToolRequest& request, const std::string& field) {
    const bool demandsCall =
        request.choice == ToolChoiceMode::Required || request.choice == ToolChoiceMode::Named;
    if (demandsCall && request.tools.empty()) {
        failValue(field, "a call was demanded, but no tools are offered.");
    }
}

void parseChoice(const Value& root, ToolRequest& request) {
    const bool legacy = memberOf(root, "tool_choice") == nullptr;
    const char* field = legacy ? "function_call" : "tool_choice";
    const Value* choice = memberOf(root, field);
    if (choice == nullptr) {
        return;
    }
    if (choice->IsString()) {
        request.choice = choiceMode(*choice, field, !legacy);
    } else if (choice->IsObject()) {
        std::string base = field;
        const Value* holder = choice;
        if (!legacy) {
            const std::string type = requireString(*choice, "type", base);
            if (type != "function") {
                failUnsupported(dotted(base, "type"), "tool_choice type '" + echo(type) +
                                                          "' is not supported; use 'function'.");
            }
            holder = memberOf(*choice, "function");
            base = dotted(base, "function");
            if (holder == nullptr) {
                failMissing(base);
            }
            if (!holder->IsObject()) {
                failType(base, "an object", *holder);
            }
        }
        request.choice = ToolChoiceMode::Named;
        request.namedTool = toolName(*holder, base);
        if (request.find(request.namedTool) == nullptr) {
            failValue(dotted(base, "name"),
                      "'" + echo(request.namedTool) + "' is not one of the offered tools.");
        }
    } else {
        failType(field, "a string or an object", *choice);
    }
    failIfCallDemandedWithoutTools(request, field);
}

// Responses tool_choice: a mode string, or {"type":"function","name":…}.
void parseFlatChoice(const Value& root, ToolRequest& request) {
    const Value* choice = memberOf(root, "tool_choice");
    if (choice == nullptr) {
        return;
    }
    if (choice->IsString()) {
        request.choice = choiceMode(*choice, "tool_choice", true);
    } else if (choice->IsObject()) {
        const std::string type = requireString(*choice, "type", "tool_choice");
        if (type != "function") {
            failUnsupported("tool_choice.type", "tool_choice type '" + echo(type) +
                                                    "' is not supported; use 'function'.");
        }
        request.choice = ToolChoiceMode::Named;
        request.namedTool = toolName(*choice, "tool_choice");
        if (request.find(request.namedTool) == nullptr) {
            failValue("tool_choice.name",
                      "'" + echo(request.namedTool) + "' is not one of the offered tools.");
        }
    } else {
        failType("tool_choice", "a string or an object", *choice);
    }
    failIfCallDemandedWithoutTools(request, "tool_choice");
}

void parseParallel(const Value& root, ToolRequest& request) {
    if (const Value* parallel = memberOf(root, "parallel_tool_calls")) {
        if (!parallel->IsBool()) {
            failType("parallel_tool_calls", "a boolean", *parallel);
        }
        request.parallelToolCalls = parallel->GetBool();
    }
}

ToolCallRecord parseCall(const Value& function, const std::string& base, std::string id) {
    if (!function.IsObject()) {
        failType(base, "an object", function);
    }
    ToolCallRecord call;
    call.id = std::move(id);
    call.name = toolName(function, base);
    call.argumentsJson = "{}";
    if (const Value* arguments = memberOf(function, "arguments")) {
        const std::string param = dotted(base, "arguments");
        if (!arguments->IsString()) {
            failType(param, "a string holding a JSON object", *arguments);
        }
        const std::string text = textOf(*arguments, param);
        if (!text.empty()) {
            rapidjson::Document parsed;
            const auto outcome = json::parse(parsed, text);
            if (outcome.status == json::ParseStatus::TooDeep) {
                failValue(param, "the JSON object nests deeper than " +
                                     std::to_string(json::kMaxDepth) + " levels.");
            }
            if (!outcome.ok() || !parsed.IsObject()) {
                failValue(param, "must be a JSON object encoded as a string.");
            }
            call.argumentsJson = json::compact(parsed);
        }
    }
    return call;
}

}  // namespace

bool isToolField(const std::string& name) {
    return name == "tools" || name == "functions" || name == "tool_choice" ||
           name == "function_call" || name == "parallel_tool_calls";
}

ToolRequest parseToolRequest(const Value& root) {
    ToolRequest request;
    request.tools = parseTools(root);
    parseChoice(root, request);
    parseParallel(root, request);
    return request;
}

ToolRequest parseResponsesToolRequest(const Value& root) {
    ToolRequest request;
    request.tools = parseFlatTools(root);
    parseFlatChoice(root, request);
    parseParallel(root, request);
    return request;
}

ToolCallRecord parseFunctionCallItem(const Value& item, const std::string& param, std::string id) {
    return parseCall(item, param, std::move(id));
}

std::vector<ToolCallRecord> parseToolCalls(const Value& message, const std::string& param) {
    std::vector<ToolCallRecord> calls;
    if (const Value* list = memberOf(message, "tool_calls")) {
        const std::string listParam = dotted(param, "tool_calls");
        if (!list->IsArray()) {
            failType(listParam, "an array", *list);
        }
        failIfLonger(listParam, *list, kMaxToolCallsPerMessage);
        for (rapidjson::SizeType k = 0; k < list->Size(); ++k) {
            const Value& entry = (*list)[k];
            const std::string callParam = indexed(listParam, k);
            if (!entry.IsObject()) {
                failType(callParam, "an object", entry);
            }
            std::string id;
            if (const Value* idValue = memberOf(entry, "id")) {
                if (!idValue->IsString()) {
                    failType(dotted(callParam, "id"), "a string", *idValue);
                }
                id = textOf(*idValue, dotted(callParam, "id"));
            }
            const Value* function = memberOf(entry, "function");
            if (function == nullptr) {
                failMissing(dotted(callParam, "function"));
            }
            calls.push_back(parseCall(*function, dotted(callParam, "function"), id));
        }
    }
    if (const Value* legacy = memberOf(message, "function_call")) {
        calls.push_back(parseCall(*legacy, dotted(param, "function_call"), ""));
    }
    return calls;
}

}  // namespace claude_proxy::openai
