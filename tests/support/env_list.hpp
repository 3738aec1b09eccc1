#pragma once

#include <string>
#include <utility>
#include <vector>

namespace claude_proxy::test_support {

// Environment variables as (name, value) pairs, in order.
using EnvList = std::vector<std::pair<std::string, std::string>>;

// `base` with `overrides` applied (same name: the override's value, in the base's place;
// new names appended), as "NAME=value" strings ready for a child process.
std::vector<std::string> buildEnvironment(const EnvList& base, const EnvList& overrides = {});

// The test process's own value of `name`, or `fallback`.
std::string getEnv(const std::string& name, const std::string& fallback = "");

}  // namespace claude_proxy::test_support
