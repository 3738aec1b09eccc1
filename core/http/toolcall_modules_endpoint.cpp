#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "http/endpoints.hpp"
#include "http/response_writer.hpp"

namespace claude_proxy::http {
namespace {

class ToolCallModulesEndpoint : public Endpoint {
  public:
    explicit ToolCallModulesEndpoint(const ServerContext& context) : context_(context) {}

    void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                AccessRecord&) override {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
        json.StartObject();
        json.Key("object");
        json.String("list");
        json.Key("default");
        json.String(context_.defaultToolCallModule);
        json.Key("data");
        json.StartArray();
        for (const auto& handler : context_.handlers.list()) {
            json.StartObject();
            json.Key("name");
            json.String(handler->name());
            json.Key("version");
            json.String(handler->version());
            json.Key("description");
            json.String(handler->description());
            json.Key("default");
            json.Bool(handler->name() == context_.defaultToolCallModule);
            json.EndObject();
        }
        json.EndArray();
        json.EndObject();
        sendJson(response, 200, buffer.GetString());
    }

  private:
    const ServerContext& context_;
};

}  // namespace

std::unique_ptr<Endpoint> makeToolCallModulesEndpoint(const ServerContext& context) {
    return std::make_unique<ToolCallModulesEndpoint>(context);
}

}  // namespace claude_proxy::http
