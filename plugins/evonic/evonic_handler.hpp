#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "generic/generic_handler.hpp"

namespace claude_proxy::plugins {

// The "evonic" handler: the generic protocol, tuned for Evonic-style agent hosts, which offer
// dozens of tools with namespaced names (fs.read_file, web.search, mcp__server__tool) and long
// descriptions. Differences from GenericHandler:
//   - instructions: with more than kFullSchemaMaxTools tools, one line per tool (name,
//     parameters with optional ones marked, first sentence of the description); the named
//     tool under tool_choice Named keeps its full schema;
//   - names: a name the model wrote is matched exactly first, then without a "functions."
//     prefix, then with '.' and '_' treated alike (runs of them as one), if that picks out a
//     single offered tool; the call carries the offered name;
//   - refusals: the shared detector plus the phrases of agent models ("cannot perform actions
//     outside this conversation", "not able to interact with external systems", "do not have
//     permission"), and the things agents act on (files, repository, shell) count as
//     capabilities even when no offered tool's description names them;
//   - the nudge speaks of the agent host that runs the tools with the needed permissions.
class EvonicHandler : public GenericHandler {
  public:
    static constexpr std::size_t kFullSchemaMaxTools = 6;
    static constexpr std::size_t kSentenceBytes = 160;

    std::string renderInstructions(const sdk::ToolRequest& request) const override;

  protected:
    std::optional<std::string> resolveToolName(const sdk::ToolRequest& request,
                                               std::string_view name) const override;
    RefusalAssessment assessReply(const sdk::ToolRequest& request,
                                  std::string_view normalizedReply) const override;
    NudgeWording nudgeWording() const override;
};

// `name` with every run of '.' and '_' written as one '_': the form in which evonic compares
// names that did not match exactly.
std::string canonicalToolName(std::string_view name);

}  // namespace claude_proxy::plugins
