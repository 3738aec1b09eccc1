#include "openai/error_body.hpp"

#include "openai/json_writer.hpp"

namespace claude_proxy::openai {

std::string renderErrorBody(const ApiError& error) {
    JsonWriter json;
    json.startObject();
    json.key("error");
    json.startObject();
    json.member("message", error.what());
    json.member("type", error.type());
    if (error.param()) {
        json.member("param", *error.param());
    } else {
        json.memberNull("param");
    }
    if (error.code().empty()) {
        json.memberNull("code");
    } else {
        json.member("code", error.code());
    }
    json.endObject();
    json.endObject();
    return json.str();
}

}  // namespace claude_proxy::openai
