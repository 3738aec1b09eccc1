#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

#include <claude_proxy/toolcall_handler.hpp>

// What the offered tools are about, in the words a reply would use to refuse them: their names
// and the content words of their names and descriptions ("get_weather", "Get the current
// weather for a city" -> weather, city, current).
namespace claude_proxy::plugins {

class ToolVocabulary {
  public:
    explicit ToolVocabulary(const sdk::ToolRequest& request);

    // Whether a normalized word token names an offered tool: as offered ("fs.readfile", the
    // underscores dropped by normalization), without its dots, or by its last namespace segment
    // ("readfile").
    bool isToolName(std::string_view token) const;

    // Whether a normalized word token is a content word of an offered tool (singular forms
    // compared).
    bool isToolWord(std::string_view token) const;

  private:
    void addName(std::string_view name);
    void addWords(std::string_view text);

    std::unordered_set<std::string> names_;
    std::unordered_set<std::string> words_;
};

}  // namespace claude_proxy::plugins
