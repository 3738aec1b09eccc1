#include "harness.hpp"

#include <doctest/doctest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "support/process_census.hpp"

namespace claude_proxy::integration {

std::size_t Harness::cliProcesses() const {
    return test_support::childrenOf(proxy.pid()).size();
}

std::string chatBody(const Turns& turns, const std::string& model, const std::string& extra) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
    json.StartObject();
    json.Key("model");
    json.String(model.c_str(), static_cast<rapidjson::SizeType>(model.size()));
    json.Key("messages");
    json.StartArray();
    for (const auto& [role, content] : turns) {
        json.StartObject();
        json.Key("role");
        json.String(role.c_str(), static_cast<rapidjson::SizeType>(role.size()));
        json.Key("content");
        json.String(content.c_str(), static_cast<rapidjson::SizeType>(content.size()));
        json.EndObject();
    }
    json.EndArray();
    json.EndObject();
    std::string body = buffer.GetString();
    if (!extra.empty()) {
        body.pop_back();
        body += "," + extra + "}";
    }
    return body;
}

std::string userBody(const std::string& text, const std::string& extra) {
    return chatBody({{"user", text}}, "sonnet", extra);
}

std::string replyText(const HttpResponse& response) {
    INFO("body: " << response.body);
    REQUIRE(response.status == 200);
    const auto document = test_support::parseJson(response.body);
    return test_support::stringAt(document, "/choices/0/message/content");
}

rapidjson::Document echoed(const HttpResponse& response) {
    return test_support::parseJson(replyText(response));
}

}  // namespace claude_proxy::integration
