#include "handler_factory.hpp"

#include <Poco/Net/HTTPServerRequest.h>

#include "api_handler.hpp"
#include "control_handlers.hpp"

namespace mock_anthropic {

Poco::Net::HTTPRequestHandler* HandlerFactory::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
    const std::string& uri = request.getURI();
    const std::string path = uri.substr(0, uri.find('?'));
    if (path.rfind("/v1/", 0) == 0) {
        return new ApiHandler(state_);
    }
    if (path == "/_mock/requests") {
        return new RequestLogHandler(state_);
    }
    const std::string& method = request.getMethod();
    if (path == "/" && (method == Poco::Net::HTTPRequest::HTTP_GET ||
                        method == Poco::Net::HTTPRequest::HTTP_HEAD)) {
        return new RootHandler();
    }
    return new NotFoundHandler();
}

}  // namespace mock_anthropic
