// The CLI output reader: LineSplitter cuts any byte stream (read in pieces of 1..256 bytes,
// from the first input byte) into lines, each classified by parseStreamLine. The second byte
// picks the line limit (0: 1 MiB, else 4 * n bytes). Oracles: the lines delivered are exactly
// the input's lines (split at '\n', one trailing '\r' cut, empty ones skipped) except those
// longer than the limit, which are counted as dropped; a line that is not a JSON object is
// Invalid, and an Invalid line that is one must be a result the CLI result parser refused.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_result.hpp"
#include "fuzz_oracle.hpp"
#include "json/bounded_json.hpp"
#include "streaming/cli_stream_event.hpp"
#include "streaming/line_splitter.hpp"

namespace {

using namespace claude_proxy;
using streaming::CliStreamEvent;

void checkEvent(std::string_view line) {
    const CliStreamEvent event = streaming::parseStreamLine(line);
    rapidjson::Document document;
    const bool object = json::parse(document, line, cli::kCliJsonParse).ok() && document.IsObject();
    if (!object) {
        FUZZ_REQUIRE(event.kind == CliStreamEvent::Kind::Invalid);
        return;
    }
    if (event.kind == CliStreamEvent::Kind::Invalid) {
        const auto* type = fuzz::stringMember(document, "type");
        FUZZ_REQUIRE(type != nullptr && fuzz::textOf(*type) == "result");
    }
    if (event.kind == CliStreamEvent::Kind::Result) {
        FUZZ_REQUIRE(event.result.has_value());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::Input input(data, size);
    const std::size_t readSize = std::size_t{input.byte()} + 1;
    const std::uint8_t limitByte = input.byte();
    const std::size_t limit = limitByte == 0 ? std::size_t{1} << 20 : std::size_t{limitByte} * 4;
    const std::string_view text = input.rest();

    std::vector<std::string> expected;
    std::size_t expectedDropped = 0;
    for (std::size_t start = 0; start <= text.size();) {
        const auto newline = text.find('\n', start);
        const auto end = newline == std::string_view::npos ? text.size() : newline;
        std::string_view line = text.substr(start, end - start);
        if (line.size() > limit) {
            ++expectedDropped;
        } else {
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            if (!line.empty()) {
                expected.emplace_back(line);
            }
        }
        if (newline == std::string_view::npos) {
            break;
        }
        start = newline + 1;
    }

    streaming::LineSplitter splitter(limit);
    std::vector<std::string> lines;
    const auto onLine = [&](std::string_view line) {
        lines.emplace_back(line);
        checkEvent(line);
    };
    for (std::size_t at = 0; at < text.size(); at += readSize) {
        splitter.feed(text.substr(at, readSize), onLine);
    }
    splitter.finish(onLine);
    FUZZ_REQUIRE(lines == expected);
    FUZZ_REQUIRE(splitter.droppedLines() == expectedDropped);
    return 0;
}
