#include "streaming/response_event_renderer.hpp"

namespace claude_proxy::streaming {

using openai::JsonWriter;
using openai::OutputItem;

ResponseEventRenderer::ResponseEventRenderer(const openai::ResponsesRequest& request,
                                             std::string responseId, long long createdAt)
    : request_(request) {
    state_.id = std::move(responseId);
    state_.createdAt = createdAt;
    state_.model = request.chat.requestedModel;
}

template <typename WriteBody>
std::string ResponseEventRenderer::event(std::string_view type, WriteBody writeBody) {
    JsonWriter json;
    json.startObject();
    json.member("type", type);
    json.memberInt("sequence_number", sequence_++);
    writeBody(json);
    json.endObject();
    std::string frame = "event: ";
    frame += type;
    frame += "\ndata: ";
    frame += json.str();
    frame += "\n\n";
    return frame;
}

std::string ResponseEventRenderer::responseEvent(std::string_view type) {
    return event(type, [this](JsonWriter& json) {
        json.key("response");
        openai::writeResponseObject(json, request_, state_);
    });
}

void ResponseEventRenderer::itemRef(JsonWriter& json) const {
    json.member("item_id", state_.output[*open_].id);
    json.memberInt("output_index", static_cast<long long>(*open_));
}

std::string ResponseEventRenderer::begin() {
    if (begun_) {
        return "";
    }
    begun_ = true;
    std::string frames = responseEvent("response.created");
    return frames + responseEvent("response.in_progress");
}

std::string ResponseEventRenderer::open(OutputItem::Kind kind) {
    std::string frames = begin();
    if (open_ && state_.output[*open_].kind == kind) {
        return frames;
    }
    frames += closeOpenItem();
    OutputItem item;
    item.kind = kind;
    item.id = openai::makeItemId(kind);
    item.done = false;
    state_.output.push_back(std::move(item));
    open_ = state_.output.size() - 1;
    const OutputItem& added = state_.output.back();
    frames += event("response.output_item.added", [&](JsonWriter& json) {
        json.memberInt("output_index", static_cast<long long>(*open_));
        json.key("item");
        openai::writeOutputItem(json, added);
    });
    if (kind == OutputItem::Kind::Reasoning) {
        frames += event("response.reasoning_summary_part.added", [&](JsonWriter& json) {
            itemRef(json);
            json.memberInt("summary_index", 0);
            json.key("part");
            json.startObject();
            json.member("type", "summary_text");
            json.member("text", "");
            json.endObject();
        });
    } else if (kind == OutputItem::Kind::Message) {
        frames += event("response.content_part.added", [&](JsonWriter& json) {
            itemRef(json);
            json.memberInt("content_index", 0);
            json.key("part");
            json.startObject();
            json.member("type", "output_text");
            json.member("text", "");
            json.key("annotations");
            json.startArray();
            json.endArray();
            json.endObject();
        });
    }
    return frames;
}

std::string ResponseEventRenderer::closeOpenItem() {
    if (!open_) {
        return "";
    }
    OutputItem& item = state_.output[*open_];
    std::string frames;
    if (item.kind == OutputItem::Kind::Reasoning) {
        frames += event("response.reasoning_summary_text.done", [&](JsonWriter& json) {
            itemRef(json);
            json.memberInt("summary_index", 0);
            json.member("text", item.text);
        });
        frames += event("response.reasoning_summary_part.done", [&](JsonWriter& json) {
            itemRef(json);
            json.memberInt("summary_index", 0);
            json.key("part");
            json.startObject();
            json.member("type", "summary_text");
            json.member("text", item.text);
            json.endObject();
        });
    } else if (item.kind == OutputItem::Kind::Message) {
        frames += event("response.output_text.done", [&](JsonWriter& json) {
            itemRef(json);
            json.memberInt("content_index", 0);
            json.member("text", item.text);
            json.key("logprobs");
            json.startArray();
            json.endArray();
        });
        frames += event("response.content_part.done", [&](JsonWriter& json) {
            itemRef(json);
            json.memberInt("content_index", 0);
            json.key("part");
            json.startObject();
            json.member("type", "output_text");
            json.member("text", item.text);
            json.key("annotations");
            json.startArray();
            json.endArray();
            json.endObject();
        });
    }
    item.done = true;
    frames += event("response.output_item.done", [&](JsonWriter& json) {
        json.memberInt("output_index", static_cast<long long>(*open_));
        json.key("item");
        openai::writeOutputItem(json, item);
    });
    open_.reset();
    return frames;
}

std::string ResponseEventRenderer::reasoning(std::string_view text) {
    std::string frames = open(OutputItem::Kind::Reasoning);
    state_.output[*open_].text += text;
    frames += event("response.reasoning_summary_text.delta", [&](JsonWriter& json) {
        itemRef(json);
        json.memberInt("summary_index", 0);
        json.member("delta", text);
    });
    return frames;
}

std::string ResponseEventRenderer::content(std::string_view text) {
    std::string frames = open(OutputItem::Kind::Message);
    state_.output[*open_].text += text;
    frames += event("response.output_text.delta", [&](JsonWriter& json) {
        itemRef(json);
        json.memberInt("content_index", 0);
        json.member("delta", text);
        json.key("logprobs");
        json.startArray();
        json.endArray();
    });
    return frames;
}

std::string ResponseEventRenderer::toolCall(std::size_t /*index*/,
                                            const openai::ToolCallRecord& call) {
    // Every call is an item of its own: a second call never joins the first.
    std::string frames = begin();
    frames += closeOpenItem();
    frames += open(OutputItem::Kind::FunctionCall);
    OutputItem& item = state_.output[*open_];
    item.call = call;
    frames += event("response.function_call_arguments.delta", [&](JsonWriter& json) {
        itemRef(json);
        json.member("delta", call.argumentsJson);
    });
    frames += event("response.function_call_arguments.done", [&](JsonWriter& json) {
        itemRef(json);
        json.member("name", call.name);
        json.member("arguments", call.argumentsJson);
    });
    return frames + closeOpenItem();
}

std::string ResponseEventRenderer::finish(const std::string& finishReason,
                                          const openai::Usage& usage) {
    std::string frames = begin();
    if (state_.output.empty()) {
        // An empty answer is still one (empty) message, as the non-streamed response has it.
        frames += open(OutputItem::Kind::Message);
    }
    frames += closeOpenItem();
    openai::finishState(state_, finishReason);
    state_.usage = usage;
    const bool complete = state_.status == "completed";
    return frames + responseEvent(complete ? "response.completed" : "response.incomplete");
}

std::string ResponseEventRenderer::error(const openai::ApiError& error) {
    std::string frames = begin();
    if (open_) {
        // The item keeps what was streamed of it.
        state_.output[*open_].done = true;
        open_.reset();
    }
    frames += event("error", [&](JsonWriter& json) {
        json.member("code", error.code());
        json.member("message", error.what());
        if (error.param()) {
            json.member("param", *error.param());
        } else {
            json.memberNull("param");
        }
    });
    state_.status = "failed";
    state_.error = error;
    return frames + responseEvent("response.failed");
}

std::string ResponseEventRenderer::keepAlive() {
    return ": keep-alive\n\n";
}

}  // namespace claude_proxy::streaming
