#include "service/login_status.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <thread>

namespace claude_proxy::service {

TEST_CASE("callers do not queue behind a refresh, only the very first answer is waited for") {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<int> probes{0};
    LoginStatus status(
        [&]() -> std::optional<bool> {
            if (++probes == 2) {
                released.wait();  // the refresh hangs until released
                return false;
            }
            return true;
        },
        std::chrono::milliseconds(0));  // every answer is stale at once

    CHECK(status.loggedIn() == std::optional<bool>(true));
    auto refresh = std::async(std::launch::async, [&] { return status.loggedIn(); });
    while (probes.load() < 2) {
        std::this_thread::yield();
    }
    // The refresh is running and blocked: this call gets the last answer without waiting.
    CHECK(status.loggedIn() == std::optional<bool>(true));
    release.set_value();
    CHECK(refresh.get() == std::optional<bool>(false));
}

TEST_CASE("callers that come while the first probe runs wait for its answer") {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<int> probes{0};
    LoginStatus status(
        [&]() -> std::optional<bool> {
            ++probes;
            released.wait();
            return true;
        },
        std::chrono::minutes(1));
    auto first = std::async(std::launch::async, [&] { return status.loggedIn(); });
    while (probes.load() == 0) {
        std::this_thread::yield();
    }
    auto second = std::async(std::launch::async, [&] { return status.loggedIn(); });
    release.set_value();
    CHECK(first.get() == std::optional<bool>(true));
    CHECK(second.get() == std::optional<bool>(true));
    CHECK(probes.load() == 1);
}

TEST_CASE("a stale answer is probed again, a probe that throws reads as unknown") {
    int calls = 0;
    LoginStatus status(
        [&]() -> std::optional<bool> {
            if (++calls == 2) {
                throw std::runtime_error("no CLI");
            }
            return false;
        },
        std::chrono::milliseconds(0));
    CHECK(status.loggedIn() == std::optional<bool>(false));
    CHECK_FALSE(status.loggedIn().has_value());
    CHECK(status.loggedIn() == std::optional<bool>(false));
    CHECK(calls == 3);
}

TEST_CASE("auth status output is read for its loggedIn boolean") {
    CHECK(parseAuthStatus("{\"loggedIn\": true, \"authMethod\": \"oauth\"}") == true);
    CHECK(parseAuthStatus("noise\n{\"loggedIn\":false}") == false);
    CHECK_FALSE(parseAuthStatus("{\"loggedIn\":\"yes\"}").has_value());
    CHECK_FALSE(parseAuthStatus("not json").has_value());
    CHECK_FALSE(parseAuthStatus("{" + std::string(100000, '[')).has_value());
}

}  // namespace claude_proxy::service
