#include "toolcall/abi_bridge.hpp"

#include <exception>

#include "openai/utf8.hpp"

namespace claude_proxy::toolcall {
namespace {

int32_t cToolChoice(openai::ToolChoiceMode mode) {
    switch (mode) {
        case openai::ToolChoiceMode::None:
            return CP_TOOL_CHOICE_NONE;
        case openai::ToolChoiceMode::Required:
            return CP_TOOL_CHOICE_REQUIRED;
        case openai::ToolChoiceMode::Named:
            return CP_TOOL_CHOICE_NAMED;
        case openai::ToolChoiceMode::Auto:
            break;
    }
    return CP_TOOL_CHOICE_AUTO;
}

// Appends `text` to `out`, or records why it could not. Never throws: it runs inside a hook.
void appendGuarded(std::string& out, std::string& fault, cp_str text) noexcept {
    if (!fault.empty()) {
        return;
    }
    try {
        if (text.data == nullptr && text.size != 0) {
            fault = "wrote a NULL string of size " + std::to_string(text.size);
            return;
        }
        out.append(view(text));
    } catch (const std::exception& error) {
        try {
            fault = std::string("cannot take its output: ") + error.what();
        } catch (...) {
        }
    } catch (...) {
    }
}

void appendText(void* state, cp_str text) {
    auto* buffer = static_cast<TextBuffer*>(state);
    appendGuarded(buffer->text, buffer->fault, text);
}

void appendContent(void* state, cp_str text) {
    auto* buffer = static_cast<ReplyBuffer*>(state);
    appendGuarded(buffer->reply.content, buffer->fault, text);
}

void addToolCall(void* state, cp_str name, cp_str argumentsJson) {
    auto* buffer = static_cast<ReplyBuffer*>(state);
    if (!buffer->fault.empty()) {
        return;
    }
    try {
        ParsedCall call;
        appendGuarded(call.name, buffer->fault, name);
        appendGuarded(call.argumentsJson, buffer->fault, argumentsJson);
        if (buffer->fault.empty()) {
            buffer->reply.calls.push_back(std::move(call));
        }
    } catch (...) {
        buffer->fault = "cannot take its output: out of memory";
    }
}

}  // namespace

std::string oneLine(std::string_view text, std::size_t maxBytes) {
    std::string clean = openai::sanitizeUtf8(text);
    for (char& c : clean) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
            c = ' ';
        }
    }
    const std::size_t first = clean.find_first_not_of(' ');
    if (first == std::string::npos) {
        return {};
    }
    clean.erase(0, first);
    clean.erase(clean.find_last_not_of(' ') + 1);
    if (clean.size() > maxBytes) {
        std::string cut(openai::utf8Prefix(clean, maxBytes));
        cut.append("...");
        return cut;
    }
    return clean;
}

std::size_t clampSafeLength(std::string_view text, std::uint64_t length) {
    if (length >= text.size()) {
        return text.size();
    }
    return openai::utf8Prefix(text, static_cast<std::size_t>(length)).size();
}

CToolRequest::CToolRequest(const openai::ToolRequest& request) {
    tools_.reserve(request.tools.size());
    for (const auto& tool : request.tools) {
        tools_.push_back(
            cp_tool{cStr(tool.name), cStr(tool.description), cStr(tool.parametersJson)});
    }
    request_.struct_size = sizeof(cp_tool_request);
    request_.tools = tools_.empty() ? nullptr : tools_.data();
    request_.tool_count = tools_.size();
    request_.tool_choice = cToolChoice(request.choice);
    request_.named_tool = cStr(request.namedTool);
    request_.parallel_tool_calls = request.parallelToolCalls ? 1 : 0;
}

std::vector<cp_tool_call> cToolCalls(const std::vector<openai::ToolCallRecord>& calls) {
    std::vector<cp_tool_call> out;
    out.reserve(calls.size());
    for (const auto& call : calls) {
        out.push_back(cp_tool_call{cStr(call.id), cStr(call.name), cStr(call.argumentsJson)});
    }
    return out;
}

cp_text_sink TextBuffer::sink() {
    return cp_text_sink{this, &appendText};
}

cp_reply_sink ReplyBuffer::sink() {
    return cp_reply_sink{this, &appendContent, &addToolCall};
}

}  // namespace claude_proxy::toolcall
