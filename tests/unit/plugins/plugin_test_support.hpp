#pragma once

// Shared helpers for the plugin unit tests (not a test file itself: only *_test.cpp are built).

#include <claude_proxy/toolcall_handler.hpp>

#include <string>
#include <utility>
#include <vector>

namespace claude_proxy::plugins::test {

struct ToolSpec {
    std::string name;
    std::string description;
    std::string parameters;
};

// Owns the strings an sdk::ToolRequest views. Neither copyable nor movable: the views point
// into the members.
class RequestFixture {
  public:
    explicit RequestFixture(std::vector<ToolSpec> specs,
                            sdk::ToolChoice choice = sdk::ToolChoice::Auto,
                            std::string namedTool = "", bool parallel = true)
        : specs_(std::move(specs)), named_(std::move(namedTool)) {
        for (const auto& spec : specs_) {
            request_.tools.push_back({spec.name, spec.description, spec.parameters});
        }
        request_.choice = choice;
        request_.namedTool = named_;
        request_.parallelToolCalls = parallel;
    }
    RequestFixture(const RequestFixture&) = delete;
    RequestFixture& operator=(const RequestFixture&) = delete;

    const sdk::ToolRequest& request() const { return request_; }

  private:
    std::vector<ToolSpec> specs_;
    std::string named_;
    sdk::ToolRequest request_;
};

inline std::vector<ToolSpec> standardTools() {
    return {
        {"get_weather", "Get the current weather for a city. Uses live data.",
         R"({"type":"object","properties":{"city":{"type":"string","description":"City name"},)"
         R"("unit":{"type":"string","enum":["c","f"]}},"required":["city"]})"},
        {"search_web", "Search the web.",
         R"({"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]})"},
        {"get_time", "Current time.", "{}"},
        {"run_python", "Run Python code in a sandbox.",
         R"({"type":"object","properties":{"code":{"type":"string"}},"required":["code"]})"},
    };
}

// Tools named the way Evonic-style agent hosts name them.
inline std::vector<ToolSpec> agentTools() {
    return {
        {"fs.read_file", "Read a file from the workspace. Returns its text.",
         R"({"type":"object","properties":{"path":{"type":"string"},"offset":{"type":"integer"}},)"
         R"("required":["path"]})"},
        {"web.search", "Search the web.",
         R"({"type":"object","properties":{"query":{"type":"string"}},"required":["query"]})"},
        {"mcp__github__create_issue", "Create a GitHub issue.",
         R"({"type":"object","properties":{"title":{"type":"string"},"body":{"type":"string"}},)"
         R"("required":["title"]})"},
    };
}

struct ExpectedCall {
    std::string name;
    std::string arguments;  // compact JSON
};

inline bool sameCalls(const std::vector<sdk::ParsedCall>& actual,
                      const std::vector<ExpectedCall>& expected) {
    if (actual.size() != expected.size()) {
        return false;
    }
    for (std::size_t i = 0; i < actual.size(); ++i) {
        if (actual[i].name != expected[i].name ||
            actual[i].argumentsJson != expected[i].arguments) {
            return false;
        }
    }
    return true;
}

inline std::string describeCalls(const std::vector<sdk::ParsedCall>& calls) {
    std::string out;
    for (const auto& call : calls) {
        out += call.name + " " + call.argumentsJson + "; ";
    }
    return out;
}

}  // namespace claude_proxy::plugins::test
