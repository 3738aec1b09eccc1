#include <doctest/doctest.h>

#include "app/config_location.hpp"

using claude_proxy::app::defaultConfigPaths;

TEST_CASE("the default configuration files: next to the binary's prefix, then /etc") {
    CHECK(defaultConfigPaths("/usr/local/bin/claude-proxy") ==
          std::vector<std::string>{"/usr/local/etc/claude-proxy/claude-proxy.properties",
                                   "/etc/claude-proxy/claude-proxy.properties"});
    CHECK(defaultConfigPaths("/opt/cp/bin/../bin/claude-proxy").front() ==
          "/opt/cp/etc/claude-proxy/claude-proxy.properties");
    // A binary in /bin has /etc as its prefix's etc: listed once.
    CHECK(defaultConfigPaths("/bin/claude-proxy") ==
          std::vector<std::string>{"/etc/claude-proxy/claude-proxy.properties"});
    CHECK(defaultConfigPaths("") ==
          std::vector<std::string>{"/etc/claude-proxy/claude-proxy.properties"});
}

TEST_CASE("a named configuration file that does not exist is an error") {
    CHECK_THROWS_WITH_AS(
        claude_proxy::app::readConfigFile(std::string("/nonexistent/claude-proxy.properties")),
        "cannot read config file /nonexistent/claude-proxy.properties: No such file or directory",
        claude_proxy::app::SettingsError);
}
