#pragma once

#include <ostream>

#include "soak_run.hpp"

namespace claude_proxy::soak {

// Prints the summary of a run (what ran on what, outcomes per scenario, the checks and the
// requests that failed them) as Markdown, and returns true when every check passed.
bool reportSoak(const SoakResult& result, std::ostream& out);

}  // namespace claude_proxy::soak
