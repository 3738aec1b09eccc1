#include "openai/response_object.hpp"

#include "openai/random_id.hpp"

namespace claude_proxy::openai {
namespace {

void writeUsage(JsonWriter& json, const Usage& usage) {
    json.startObject();
    json.memberInt("input_tokens", usage.promptTokens());
    json.key("input_tokens_details");
    json.startObject();
    json.memberInt("cached_tokens", usage.cacheReadTokens);
    json.endObject();
    json.memberInt("output_tokens", usage.outputTokens);
    json.key("output_tokens_details");
    json.startObject();
    json.memberInt("reasoning_tokens", usage.reasoningTokens);
    json.endObject();
    json.memberInt("total_tokens", usage.totalTokens());
    json.endObject();
}

void writeToolChoice(JsonWriter& json, const ToolRequest& tools) {
    switch (tools.choice) {
        case ToolChoiceMode::Auto:
            json.string("auto");
            return;
        case ToolChoiceMode::None:
            json.string("none");
            return;
        case ToolChoiceMode::Required:
            json.string("required");
            return;
        case ToolChoiceMode::Named:
            json.startObject();
            json.member("type", "function");
            json.member("name", tools.namedTool);
            json.endObject();
            return;
    }
}

void writeTools(JsonWriter& json, const ToolRequest& tools) {
    json.startArray();
    for (const auto& tool : tools.tools) {
        json.startObject();
        json.member("type", "function");
        json.member("name", tool.name);
        if (tool.description.empty()) {
            json.memberNull("description");
        } else {
            json.member("description", tool.description);
        }
        json.key("parameters");
        json.raw(tool.parametersJson);
        json.key("strict");
        json.boolean(false);
        json.endObject();
    }
    json.endArray();
}

void writeNumber(JsonWriter& json, std::string_view name, const std::optional<double>& value,
                 double fallback) {
    json.key(name);
    json.raw().Double(value.value_or(fallback));
}

}  // namespace

std::string makeResponseId() {
    return randomId("resp_");
}

std::string makeItemId(OutputItem::Kind kind) {
    switch (kind) {
        case OutputItem::Kind::Reasoning:
            return randomId("rs_");
        case OutputItem::Kind::FunctionCall:
            return randomId("fc_");
        case OutputItem::Kind::Message:
            break;
    }
    return randomId("msg_");
}

std::vector<OutputItem> outputItemsOf(const Completion& completion) {
    std::vector<OutputItem> items;
    if (!completion.reasoning.empty()) {
        OutputItem reasoning;
        reasoning.kind = OutputItem::Kind::Reasoning;
        reasoning.id = makeItemId(reasoning.kind);
        reasoning.text = completion.reasoning;
        items.push_back(std::move(reasoning));
    }
    if (!completion.content.empty() || completion.toolCalls.empty()) {
        OutputItem message;
        message.kind = OutputItem::Kind::Message;
        message.id = makeItemId(message.kind);
        message.text = completion.content;
        items.push_back(std::move(message));
    }
    for (const auto& call : completion.toolCalls) {
        OutputItem item;
        item.kind = OutputItem::Kind::FunctionCall;
        item.id = makeItemId(item.kind);
        item.call = call;
        items.push_back(std::move(item));
    }
    return items;
}

void finishState(ResponseState& state, const std::string& finishReason) {
    if (finishReason == "length") {
        state.status = "incomplete";
        state.incompleteReason = "max_output_tokens";
    } else if (finishReason == "content_filter") {
        state.status = "incomplete";
        state.incompleteReason = "content_filter";
    } else {
        state.status = "completed";
    }
}

ChatMessage replyMessage(const std::vector<OutputItem>& output) {
    ChatMessage reply;
    reply.role = Role::Assistant;
    for (const auto& item : output) {
        if (item.kind == OutputItem::Kind::Message) {
            reply.content += item.text;
        } else if (item.kind == OutputItem::Kind::FunctionCall) {
            reply.toolCalls.push_back(item.call);
        }
    }
    return reply;
}

void writeOutputItem(JsonWriter& json, const OutputItem& item) {
    const char* status = item.done ? "completed" : "in_progress";
    json.startObject();
    switch (item.kind) {
        case OutputItem::Kind::Reasoning:
            json.member("type", "reasoning");
            json.member("id", item.id);
            json.key("summary");
            json.startArray();
            if (item.done) {
                json.startObject();
                json.member("type", "summary_text");
                json.member("text", item.text);
                json.endObject();
            }
            json.endArray();
            break;
        case OutputItem::Kind::Message:
            json.member("type", "message");
            json.member("id", item.id);
            json.member("status", status);
            json.member("role", "assistant");
            json.key("content");
            json.startArray();
            if (item.done) {
                json.startObject();
                json.member("type", "output_text");
                json.member("text", item.text);
                json.key("annotations");
                json.startArray();
                json.endArray();
                json.key("logprobs");
                json.startArray();
                json.endArray();
                json.endObject();
            }
            json.endArray();
            break;
        case OutputItem::Kind::FunctionCall:
            json.member("type", "function_call");
            json.member("id", item.id);
            json.member("call_id", item.call.id);
            json.member("name", item.call.name);
            json.member("arguments", item.done ? item.call.argumentsJson : "");
            json.member("status", status);
            break;
    }
    json.endObject();
}

void writeResponseObject(JsonWriter& json, const ResponsesRequest& request,
                         const ResponseState& state) {
    const GenerationOptions& generation = request.chat.generation;
    json.startObject();
    json.member("id", state.id);
    json.member("object", "response");
    json.memberInt("created_at", state.createdAt);
    json.member("status", state.status);
    json.key("background");
    json.boolean(false);
    json.key("error");
    if (state.error) {
        json.startObject();
        json.member("code", state.error->code());
        json.member("message", state.error->what());
        json.endObject();
    } else {
        json.null();
    }
    json.key("incomplete_details");
    if (state.incompleteReason.empty()) {
        json.null();
    } else {
        json.startObject();
        json.member("reason", state.incompleteReason);
        json.endObject();
    }
    if (request.instructions) {
        json.member("instructions", *request.instructions);
    } else {
        json.memberNull("instructions");
    }
    if (generation.maxTokens) {
        json.memberInt("max_output_tokens", *generation.maxTokens);
    } else {
        json.memberNull("max_output_tokens");
    }
    json.member("model", state.model);
    json.key("output");
    json.startArray();
    for (const auto& item : state.output) {
        writeOutputItem(json, item);
    }
    json.endArray();
    json.key("parallel_tool_calls");
    json.boolean(request.chat.tools.parallelToolCalls);
    if (request.previousResponseId) {
        json.member("previous_response_id", *request.previousResponseId);
    } else {
        json.memberNull("previous_response_id");
    }
    json.key("reasoning");
    json.startObject();
    if (generation.effort) {
        json.member("effort", *generation.effort);
    } else {
        json.memberNull("effort");
    }
    if (request.reasoningSummary.empty()) {
        json.memberNull("summary");
    } else {
        json.member("summary", request.reasoningSummary);
    }
    json.endObject();
    json.key("store");
    json.boolean(request.store);
    writeNumber(json, "temperature", request.temperature, 1.0);
    json.key("text");
    json.startObject();
    json.key("format");
    json.raw(request.textFormatJson);
    if (!request.textVerbosity.empty()) {
        json.member("verbosity", request.textVerbosity);
    }
    json.endObject();
    json.key("tool_choice");
    writeToolChoice(json, request.chat.tools);
    json.key("tools");
    writeTools(json, request.chat.tools);
    writeNumber(json, "top_p", request.topP, 1.0);
    json.member("truncation", request.truncation);
    json.key("usage");
    if (state.usage) {
        writeUsage(json, *state.usage);
    } else {
        json.null();
    }
    if (request.user.empty()) {
        json.memberNull("user");
    } else {
        json.member("user", request.user);
    }
    json.key("metadata");
    json.raw(request.metadataJson);
    json.endObject();
}

std::string renderResponseObject(const ResponsesRequest& request, const ResponseState& state) {
    JsonWriter json;
    writeResponseObject(json, request, state);
    return json.str();
}

}  // namespace claude_proxy::openai
