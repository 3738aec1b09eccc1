// openai::parseChatRequest on any body. Oracle: it returns a request whose every string is
// well-formed UTF-8 (what reaches the CLI) and whose JSON pieces parse, or it throws ApiError
// with a 4xx status whose rendered body is OpenAI's error object as valid JSON. Anything else
// (another exception, a crash, a sanitizer report) is a finding.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "fuzz_oracle.hpp"
#include "openai/api_error.hpp"
#include "openai/chat_request.hpp"
#include "openai/error_body.hpp"
#include "openai/model_catalog.hpp"

namespace {

using namespace claude_proxy;

void checkText(const std::string& text) {
    FUZZ_REQUIRE(fuzz::isUtf8(text));
}

void checkRequest(const openai::ChatRequest& request) {
    FUZZ_REQUIRE(!request.messages.empty());
    FUZZ_REQUIRE(!request.cliModel.empty());
    checkText(request.requestedModel);
    checkText(request.cliModel);
    for (const auto& message : request.messages) {
        checkText(message.content);
        checkText(message.name);
        checkText(message.toolCallId);
        for (const auto& call : message.toolCalls) {
            checkText(call.id);
            checkText(call.name);
            FUZZ_REQUIRE(fuzz::isJson(call.argumentsJson));
        }
        for (const auto& media : message.media) {
            FUZZ_REQUIRE(media.offset <= message.content.size());
            // Either the data, or (an http(s) image left for resolveRemoteMedia) the URL.
            FUZZ_REQUIRE(media.base64.empty() != media.remoteUrl.empty());
            FUZZ_REQUIRE(media.base64.find_first_not_of(
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") ==
                         std::string::npos);
        }
    }
    for (const auto& tool : request.tools.tools) {
        FUZZ_REQUIRE(!tool.name.empty());
        checkText(tool.name);
        checkText(tool.description);
        FUZZ_REQUIRE(fuzz::isJson(tool.parametersJson));
    }
    if (request.tools.choice == openai::ToolChoiceMode::Named) {
        FUZZ_REQUIRE(request.tools.find(request.tools.namedTool) != nullptr);
    }
    for (const auto& stop : request.generation.stop) {
        FUZZ_REQUIRE(!stop.empty());
        checkText(stop);
    }
}

void checkError(const openai::ApiError& error) {
    FUZZ_REQUIRE(error.httpStatus() >= 400 && error.httpStatus() < 500);
    rapidjson::Document body;
    FUZZ_REQUIRE(fuzz::parseJson(body, openai::renderErrorBody(error)));
    FUZZ_REQUIRE(body.IsObject() && body.HasMember("error") && body["error"].IsObject());
    const auto& object = body["error"];
    const auto* message = fuzz::stringMember(object, "message");
    FUZZ_REQUIRE(message != nullptr && message->GetStringLength() > 0);
    FUZZ_REQUIRE(fuzz::stringMember(object, "type") != nullptr);
    for (const char* name : {"param", "code"}) {
        FUZZ_REQUIRE(object.HasMember(name) && (object[name].IsString() || object[name].IsNull()));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const openai::ModelCatalog catalog("sonnet", {{"gpt-4o", "sonnet"}});
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    try {
        checkRequest(openai::parseChatRequest(body, catalog));
    } catch (const openai::ApiError& error) {
        checkError(error);
    } catch (const std::exception& other) {
        std::fprintf(stderr, "unexpected exception: %s\n", other.what());
        fuzz::fail("parseChatRequest throws only ApiError", __FILE__, __LINE__);
    }
    return 0;
}
