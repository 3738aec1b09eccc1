#include "http_replies.hpp"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace mock_anthropic {

void setStatus(Poco::Net::HTTPServerResponse& response, int status) {
    // Poco's HTTPStatus enum ends at 511; converting a larger number to it is undefined, so
    // those codes (529 Overloaded among them) get their reason here.
    constexpr int kLargestPocoStatus = 511;
    response.setStatus(std::to_string(status));
    if (status == 529) {
        response.setReason("Overloaded");
    } else if (status > kLargestPocoStatus) {
        response.setReason("Unknown");
    } else {
        response.setReason(Poco::Net::HTTPResponse::getReasonForStatus(
            static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status)));
    }
}

bool sendBody(Poco::Net::HTTPServerResponse& response, int status, const std::string& contentType,
              const std::string& body) {
    try {
        setStatus(response, status);
        response.setContentType(contentType);
        response.sendBuffer(body.data(), body.size());
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace mock_anthropic
