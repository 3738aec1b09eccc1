#include "http/server/exchange.hpp"

#include <memory>
#include <sstream>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Timestamp.h>
#include <spdlog/spdlog.h>

#include "http/server/proxy_request.hpp"
#include "http/server/proxy_response.hpp"
#include "http/server/request_framing.hpp"

namespace claude_proxy::http::server {
namespace {

void refuse(Connection& connection, std::string_view message) {
    sendNow(connection.fd(), closingErrorResponse(400, "Bad Request", "invalid_request_error",
                                                  "malformed_http", message));
}

}  // namespace

bool serveExchange(Connection& connection, std::size_t headEnd,
                   Poco::Net::HTTPRequestHandlerFactory& factory,
                   const ExchangeSettings& settings) {
    std::string& pending = connection.pending();
    const std::size_t leading = std::min(connection.scanner().leadingBlankBytes(), headEnd);
    const std::string head = pending.substr(leading, headEnd - leading);
    pending.erase(0, headEnd);
    connection.scanner().reset();
    ++connection.requests;

    // The head decides whether the response may have a body (HEAD), so it is read first.
    Poco::Net::HTTPRequest parsedHead;
    try {
        std::istringstream input(head);
        parsedHead.read(input);
    } catch (const Poco::Exception& error) {
        refuse(connection, "The HTTP request head could not be read: " + error.displayText());
        return false;
    }
    auto response = std::make_unique<ProxyServerResponse>(
        connection.session(), parsedHead.getMethod() == Poco::Net::HTTPRequest::HTTP_HEAD);
    ProxyServerRequest request(connection, *response, *settings.params);
    request.readHead(head);
    const RequestFraming framing = framingOf(request);
    if (!framing.problem.empty()) {
        refuse(connection, framing.problem);
        return false;
    }

    const bool draining = settings.draining && settings.draining();
    const bool keepAlive = settings.params->getKeepAlive() && request.getKeepAlive() && !draining &&
                           request.getMethod() != "HEAD";
    response->setVersion(request.getVersion());
    response->setDate(Poco::Timestamp());
    response->setKeepAlive(keepAlive);

    ProxyServerResponse* responseForContinue = response.get();
    std::function<void()> sendContinue;
    if (request.getExpectContinue()) {
        sendContinue = [responseForContinue] {
            if (!responseForContinue->sent()) {
                responseForContinue->sendContinue();
            }
        };
    }
    RequestBody body(connection, framing.framing, framing.length, connection.deadline,
                     std::move(sendContinue));
    request.attachBody(body);

    bool sent = false;
    bool keep = false;
    try {
        const std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
            factory.createRequestHandler(request));
        handler->handleRequest(request, *response);
        sent = response->sent();
        keep = sent && response->getKeepAlive();
        response.reset();  // a chunked response writes its last chunk here
    } catch (const std::exception& error) {
        // The handler boundary answers every error itself; this is a failure around it (or of
        // the socket while the last chunk went out).
        spdlog::warn("connection from {}: request failed outside its handler: {}",
                     connection.client(), error.what());
        return false;
    }
    if (!keep) {
        return false;
    }
    if (!body.complete() &&
        !body.discardRest(settings.maxDrainBytes, Clock::now() + settings.drainTimeout)) {
        return false;
    }
    return !(settings.draining && settings.draining());
}

}  // namespace claude_proxy::http::server
