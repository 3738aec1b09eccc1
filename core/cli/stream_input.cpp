#include "cli/stream_input.hpp"

#include "openai/json_writer.hpp"

namespace claude_proxy::cli {

std::string userTurnLine(std::string_view text) {
    openai::JsonWriter json;
    json.startObject();
    json.member("type", "user");
    json.key("message");
    json.startObject();
    json.member("role", "user");
    json.key("content");
    json.startArray();
    json.startObject();
    json.member("type", "text");
    json.member("text", text);
    json.endObject();
    json.endArray();
    json.endObject();
    json.endObject();
    return json.str() + "\n";
}

}  // namespace claude_proxy::cli
