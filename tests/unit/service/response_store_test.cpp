#include "service/response_store.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace claude_proxy::service {
namespace {

using namespace std::chrono_literals;

ResponseStore::Entry entryOf(const std::string& text, std::string json = "{}") {
    openai::ChatMessage message;
    message.content = text;
    return {{message}, std::move(json)};
}

struct FakeClock {
    std::chrono::steady_clock::time_point now{};
    ResponseStore::Clock fn() {
        return [this] { return now; };
    }
};

}  // namespace

TEST_CASE("response store: found under its scope only, replaced by id, erased") {
    ResponseStore store({});
    store.put("resp_1", "key-a", entryOf("hello", R"({"id":"resp_1"})"));
    const auto found = store.find("resp_1", "key-a");
    REQUIRE(found.has_value());
    CHECK(found->conversation.at(0).content == "hello");
    CHECK(found->responseJson == R"({"id":"resp_1"})");
    CHECK_FALSE(store.find("resp_1", "key-b").has_value());
    CHECK_FALSE(store.find("resp_2", "key-a").has_value());
    CHECK_FALSE(store.erase("resp_1", "key-b"));

    store.put("resp_1", "key-a", entryOf("again"));
    CHECK(store.size() == 1);
    CHECK(store.find("resp_1", "key-a")->conversation.at(0).content == "again");
    CHECK(store.erase("resp_1", "key-a"));
    CHECK(store.size() == 0);
    CHECK(store.bytes() == 0);
    CHECK_FALSE(store.erase("resp_1", "key-a"));
}

TEST_CASE("response store: the oldest go first past the count and size limits") {
    ResponseStore::Limits limits;
    limits.maxResponses = 2;
    ResponseStore byCount(limits);
    byCount.put("a", "", entryOf("1"));
    byCount.put("b", "", entryOf("2"));
    byCount.put("c", "", entryOf("3"));
    CHECK(byCount.size() == 2);
    CHECK_FALSE(byCount.find("a", "").has_value());
    CHECK(byCount.find("b", "").has_value());
    CHECK(byCount.find("c", "").has_value());

    ResponseStore::Limits small;
    small.maxBytes = 2000;
    ResponseStore bySize(small);
    bySize.put("a", "", entryOf(std::string(1000, 'x')));
    bySize.put("b", "", entryOf(std::string(1000, 'y')));
    CHECK(bySize.size() == 1);
    CHECK(bySize.find("b", "").has_value());
    CHECK(bySize.bytes() <= small.maxBytes);
    // One entry larger than the whole budget is not kept at all.
    bySize.put("huge", "", entryOf(std::string(5000, 'z')));
    CHECK_FALSE(bySize.find("huge", "").has_value());
    CHECK(bySize.find("b", "").has_value());
}

TEST_CASE("response store: entries expire after maxAge, and 0 responses keeps none") {
    FakeClock clock;
    ResponseStore::Limits limits;
    limits.maxAge = 60s;
    ResponseStore store(limits, clock.fn());
    store.put("a", "", entryOf("old"));
    clock.now += 30s;
    store.put("b", "", entryOf("new"));
    clock.now += 30s;
    CHECK_FALSE(store.find("a", "").has_value());
    CHECK(store.find("b", "").has_value());
    clock.now += 30s;
    CHECK_FALSE(store.erase("b", ""));
    CHECK(store.size() == 0);

    ResponseStore::Limits off;
    off.maxResponses = 0;
    ResponseStore none(off);
    CHECK_FALSE(none.enabled());
    none.put("a", "", entryOf("x"));
    CHECK(none.size() == 0);
}

}  // namespace claude_proxy::service
