// The resumable stream scanner (ReplyStreamScanner, what GenericHandler::beginStream returns)
// against the full rescan it replaces (safeContentLength on the whole text so far): the same
// answer after every delta, however the reply is cut, and a bounded number of byte visits per
// byte of reply, counted rather than timed.
#include <doctest/doctest.h>

#include <ctime>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/reply_scanner.hpp"
#include "common/reply_stream_scanner.hpp"
#include "evonic/evonic_handler.hpp"
#include "generic/generic_handler.hpp"
#include "plugin_test_support.hpp"
#include "reply_corpus.hpp"

namespace claude_proxy::plugins::test {
namespace {

// The scanner GenericHandler makes, as the class whose work() the tests read.
std::unique_ptr<ReplyStreamScanner> scannerOf(const GenericHandler& handler,
                                              const sdk::ToolRequest& request) {
    std::unique_ptr<sdk::StreamScanner> scanner = handler.beginStream(request);
    auto* resumable = dynamic_cast<ReplyStreamScanner*>(scanner.get());
    REQUIRE(resumable != nullptr);
    scanner.release();
    return std::unique_ptr<ReplyStreamScanner>(resumable);
}

// `reply` cut into pieces of random sizes between 1 and `maxPiece`.
std::vector<std::string_view> randomPieces(std::string_view reply, std::size_t maxPiece,
                                           std::mt19937& random) {
    std::uniform_int_distribution<std::size_t> length(1, maxPiece);
    std::vector<std::string_view> pieces;
    for (std::size_t at = 0; at < reply.size();) {
        const std::size_t piece = std::min(length(random), reply.size() - at);
        pieces.push_back(reply.substr(at, piece));
        at += piece;
    }
    return pieces;
}

// Feeds `pieces` to a fresh scanner and compares each answer with the full rescan of the text
// so far; every `stride`-th piece only, and the last, when the reply is long.
void checkPieces(const GenericHandler& handler, const sdk::ToolRequest& request,
                 std::string_view reply, const std::vector<std::string_view>& pieces,
                 std::size_t stride = 1) {
    const auto scanner = handler.beginStream(request);
    std::size_t fed = 0;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const std::size_t safe = scanner->feed(pieces[i]);
        fed += pieces[i].size();
        if (i % stride == 0 || i + 1 == pieces.size()) {
            INFO("after " << fed << " bytes of [" << std::string(reply.substr(0, fed)) << "]");
            REQUIRE(safe == handler.safeContentLength(request, reply.substr(0, fed)));
        }
    }
}

double threadCpuSeconds() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Replies that defeat a scanner which resumes only at line starts or before pending blocks.
std::string oneLongLine(std::size_t size) {
    std::string reply =
        "Compare a < b, a<c and <b>bold</b>; `x` and `` y; <tool_ is no tag, "
        "nor <tool_call> tags in prose, nor <tool_call>{\"a\": 1} without a close. ";
    while (reply.size() < size) {
        reply += "More words on the same line, 3 < 4 and `code`, still no line break. ";
    }
    return reply;
}

std::string longOrdinaryFence(std::size_t size) {
    std::string reply = "Here is the script:\n\n```python\n";
    while (reply.size() < size) {
        reply += "    value = {'key': [1, 2, 3]}  # <tool_call> and ``` inside a comment\n";
    }
    return reply + "```\n\nThat is all.";
}

std::string longJsonFence(std::size_t size) {
    std::string reply = "The data:\n```json\n[\n";
    while (reply.size() < size) {
        reply += "  {\"name\": \"not a tool\", \"values\": [1, 2, {\"deep\": \"<tool_call>\"}]},\n";
    }
    return reply + "  {}\n]\n```\nAnd some text after it.";
}

std::string longTagCall(std::size_t size) {
    std::string reply =
        "Running it.\n<tool_call>{\"name\": \"run_python\", \"arguments\": {\"code\": \"";
    while (reply.size() < size) {
        reply += "print('a \\\"quoted\\\" {brace} and [bracket]')\\n";
    }
    return reply + "\"}}</tool_call>";
}

std::string mixedProse(std::size_t size) {
    std::string reply;
    while (reply.size() < size) {
        reply +=
            "A paragraph with <em>tags</em> and `code`.\n\n```js\nlet a = 1;\n```\n"
            "```json\n{\"a\": 1}\n```\n  ``not a fence``\n<tool_call> mentioned.\n";
    }
    return reply;
}

struct WorkCase {
    std::string label;
    std::string reply;
    std::size_t pieceSize;
};

}  // namespace

TEST_CASE("every corpus reply, cut any way, gets the full rescan's answer after every piece") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const RequestFixture serial(standardTools(), sdk::ToolChoice::Auto, "", false);
    std::mt19937 random(8128U);
    for (const auto& item : replyCorpus()) {
        INFO("case: " << item.label);
        std::vector<std::string_view> bytes;
        for (std::size_t i = 0; i < item.reply.size(); ++i) {
            bytes.push_back(std::string_view(item.reply).substr(i, 1));
        }
        checkPieces(handler, fixture.request(), item.reply, bytes);
        for (int round = 0; round < 40; ++round) {
            const std::size_t maxPiece = round < 20 ? 4 : 32;
            checkPieces(handler, round % 2 == 0 ? fixture.request() : serial.request(), item.reply,
                        randomPieces(item.reply, maxPiece, random));
        }
        // One piece, and a piece followed by empty ones.
        checkPieces(handler, fixture.request(), item.reply,
                    {std::string_view(item.reply), std::string_view(), std::string_view()});
    }
}

TEST_CASE("evonic's scanner resolves names the way its parser does") {
    const EvonicHandler handler;
    const RequestFixture agent(agentTools());
    std::mt19937 random(31U);
    for (const std::string reply :
         {"Reading.\n```tool_call\n{\"name\": \"fs_read_file\", \"arguments\": {\"path\": \"a\"}}"
          "\n```\n",
          "```json\n{\"name\": \"web_search\", \"arguments\": {\"query\": \"x\"}}\n```\nok",
          "```json\n{\"name\": \"web-search\", \"arguments\": {\"query\": \"x\"}}\n```\nok"}) {
        for (int round = 0; round < 20; ++round) {
            checkPieces(handler, agent.request(), reply, randomPieces(reply, 6, random));
        }
    }
}

TEST_CASE("after the first call block the answer is final and the text is let go") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const auto scanner = scannerOf(handler, fixture.request());
    CHECK(scanner->feed("Let me look.\n\n```tool_call\n") == 12);
    CHECK(scanner->feed("{\"name\": \"get_time\"}\n```\n") == 12);
    const std::size_t work = scanner->work();
    CHECK(scanner->feed(std::string(100000, 'x')) == 12);
    CHECK(scanner->work() == work);  // nothing more is looked at
}

TEST_CASE("20,000 deltas cost a bounded number of byte visits per byte, whatever the shape") {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    // About 100 KB each (500 KB for the prose), in 20,000 deltas, plus one-byte deltas.
    const std::vector<WorkCase> cases = {
        {"one very long line", oneLongLine(100000), 5},
        {"one long ordinary code fence", longOrdinaryFence(100000), 5},
        {"one long json fence that is no call", longJsonFence(100000), 5},
        {"one long tag call", longTagCall(100000), 5},
        {"mixed prose in 25-byte deltas", mixedProse(500000), 25},
        {"mixed prose in 1-byte deltas", mixedProse(20000), 1},
    };
    for (const auto& item : cases) {
        INFO("case: " << item.label);
        const auto scanner = scannerOf(handler, fixture.request());
        const std::string_view reply(item.reply);
        std::size_t feeds = 0;
        std::size_t safe = 0;
        const double start = threadCpuSeconds();
        for (std::size_t at = 0; at < reply.size(); at += item.pieceSize) {
            const std::size_t next = scanner->feed(reply.substr(at, item.pieceSize));
            REQUIRE(next >= safe);
            safe = next;
            ++feeds;
        }
        const double seconds = threadCpuSeconds() - start;
        MESSAGE(item.label << ": " << reply.size() << " bytes in " << feeds << " deltas, "
                           << scanner->work() << " byte visits, " << seconds * 1000.0 << " ms CPU");
        CHECK(feeds >= 20000);
        CHECK(safe == handler.safeContentLength(fixture.request(), reply));
        // Each byte is visited by a bounded number of scanning steps (the line or fence scan,
        // a closing-line check, a decode, the trimming), each delta by at most one tag check
        // (16 bytes). A rescan per delta would be thousands of visits per byte here.
        CHECK(scanner->work() <= 4 * reply.size() + 16 * feeds);
    }
}

// Run with: unit_plugin_tests -ts="*" -tc="*full rescan*" --no-skip
TEST_CASE("bench: 20,000 deltas through the full rescan and through the scanner" *
          doctest::skip()) {
    const GenericHandler handler;
    const RequestFixture fixture(standardTools());
    const std::string reply = mixedProse(500000);
    const std::size_t piece = reply.size() / 20000 + 1;
    double rescan = 0;
    double resumable = 0;
    std::size_t rescanSafe = 0;
    std::size_t resumableSafe = 0;
    {
        const double start = threadCpuSeconds();
        for (std::size_t at = 0; at < reply.size(); at += piece) {
            const std::size_t end = std::min(reply.size(), at + piece);
            rescanSafe = handler.safeContentLength(fixture.request(),
                                                   std::string_view(reply).substr(0, end));
        }
        rescan = threadCpuSeconds() - start;
    }
    {
        const double start = threadCpuSeconds();
        const auto scanner = handler.beginStream(fixture.request());
        for (std::size_t at = 0; at < reply.size(); at += piece) {
            resumableSafe = scanner->feed(std::string_view(reply).substr(at, piece));
        }
        resumable = threadCpuSeconds() - start;
    }
    MESSAGE(reply.size() << " bytes in 20,000 deltas: full rescan " << rescan
                         << " s CPU, resumable scan " << resumable << " s CPU");
    CHECK(rescanSafe == resumableSafe);
}

}  // namespace claude_proxy::plugins::test
