#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <string>
#include <string_view>

// Every JSON document that reaches the proxy from outside (a client's body, a tool call's
// arguments, a line of the CLI's output) is parsed here: without recursion (RapidJSON's
// iterative parser) and refused once it nests deeper than a limit. The limit is what keeps the
// recursive parts of RapidJSON that remain (Value::Accept when a value is written back) from
// ever exhausting a thread's stack: a parsed document is never deeper than it. Pure.
namespace claude_proxy::json {

// Deeper than this is refused. No JSON Schema, tool argument object or CLI event comes close;
// a 200,000-deep array is an attack, not data.
inline constexpr std::size_t kMaxDepth = 64;

enum class ParseStatus {
    Ok,
    Syntax,   // not JSON (or, when asked for, ill-formed UTF-8)
    TooDeep,  // nested deeper than the limit
};

struct ParseResult {
    ParseStatus status = ParseStatus::Ok;
    std::string message;     // why it failed, in English ("Missing a name for object member.")
    std::size_t offset = 0;  // byte where it failed

    bool ok() const { return status == ParseStatus::Ok; }
};

struct ParseOptions {
    std::size_t maxDepth = kMaxDepth;
    bool validateUtf8 = false;  // refuse ill-formed UTF-8 in strings (client input)
};

// Parses `text` into `document`. On failure the document is left null.
ParseResult parse(rapidjson::Document& document, std::string_view text,
                  const ParseOptions& options = {});

// `value` as compact JSON text. Only for values parsed by parse() (or built by the proxy),
// whose depth is bounded.
std::string compact(const rapidjson::Value& value);

}  // namespace claude_proxy::json
