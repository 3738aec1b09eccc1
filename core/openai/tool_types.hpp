#pragma once

#include <string>
#include <vector>

namespace claude_proxy::openai {

// One function tool offered in a request (`tools[i].function`, or legacy `functions[i]`).
struct OfferedTool {
    std::string name;
    std::string description;
    std::string parametersJson;  // the JSON Schema as compact JSON text; "{}" when absent
};

enum class ToolChoiceMode { Auto, None, Required, Named };

// The tool side of a request. Empty `tools` means the request offers none.
struct ToolRequest {
    std::vector<OfferedTool> tools;
    ToolChoiceMode choice = ToolChoiceMode::Auto;
    std::string namedTool;  // with Named
    bool parallelToolCalls = true;

    bool active() const { return !tools.empty() && choice != ToolChoiceMode::None; }
    const OfferedTool* find(const std::string& name) const {
        for (const auto& tool : tools) {
            if (tool.name == name) {
                return &tool;
            }
        }
        return nullptr;
    }
};

// A tool call of an earlier assistant turn, or one the proxy returns.
struct ToolCallRecord {
    std::string id;
    std::string name;
    std::string argumentsJson;  // a JSON object as text
};

}  // namespace claude_proxy::openai
