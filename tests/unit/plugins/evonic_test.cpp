#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "evonic/evonic_handler.hpp"
#include "generic/generic_handler.hpp"
#include "plugin_test_support.hpp"
#include "reply_corpus.hpp"

namespace claude_proxy::plugins::test {
namespace {

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

std::string callBlock(std::string_view name) {
    return "```tool_call\n{\"name\": \"" + std::string(name) +
           "\", \"arguments\": {\"path\": \"a.txt\"}}\n```";
}

// `count` namespaced tools with long descriptions, as agent hosts send them.
std::vector<ToolSpec> manyTools(std::size_t count) {
    std::vector<ToolSpec> tools = agentTools();
    for (std::size_t i = tools.size(); i < count; ++i) {
        tools.push_back({"ns" + std::to_string(i) + ".do_thing",
                         "Does thing number " + std::to_string(i) +
                             ". This second sentence is long and must not appear in the compact "
                             "listing at all.",
                         R"({"type":"object","properties":{"target":{"type":"string"}}})"});
    }
    return tools;
}

}  // namespace

TEST_CASE("evonic maps names whose dots and underscores were swapped to the offered name") {
    const EvonicHandler handler;
    const RequestFixture fixture(agentTools());
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"fs.read_file", "fs.read_file"},
        {"fs_read_file", "fs.read_file"},
        {"fs.read.file", "fs.read_file"},
        {"functions.fs.read_file", "fs.read_file"},
        {"web_search", "web.search"},
        {"mcp__github__create_issue", "mcp__github__create_issue"},
        {"mcp.github.create_issue", "mcp__github__create_issue"},
        {"mcp_github_create_issue", "mcp__github__create_issue"},
    };
    for (const auto& item : cases) {
        INFO("written: " << item.first);
        const sdk::ParsedReply parsed =
            handler.parseReply(fixture.request(), callBlock(item.first));
        REQUIRE(parsed.toolCalls.size() == 1);
        CHECK(parsed.toolCalls[0].name == item.second);
        CHECK(parsed.toolCalls[0].argumentsJson == R"({"path":"a.txt"})");
        CHECK(parsed.content.empty());
    }
}

TEST_CASE("evonic leaves unknown and ambiguous names as content") {
    const EvonicHandler handler;
    const RequestFixture fixture(agentTools());
    for (const std::string name : {"fs.readfile", "FS.READ_FILE", "read_file", "fs-read-file"}) {
        INFO("written: " << name);
        const sdk::ParsedReply parsed = handler.parseReply(fixture.request(), callBlock(name));
        CHECK(parsed.toolCalls.empty());
        CHECK(parsed.content == callBlock(name));
    }
    const RequestFixture clash({{"a.b", "", "{}"}, {"a_b", "", "{}"}});
    CHECK(handler.parseReply(clash.request(), callBlock("a.b")).toolCalls[0].name == "a.b");
    CHECK(handler.parseReply(clash.request(), callBlock("a_b")).toolCalls[0].name == "a_b");
    CHECK(handler.parseReply(clash.request(), callBlock("a__b")).toolCalls.empty());
}

TEST_CASE("canonicalToolName folds runs of dots and underscores") {
    CHECK(canonicalToolName("mcp__server__tool") == "mcp_server_tool");
    CHECK(canonicalToolName("mcp.server.tool") == "mcp_server_tool");
    CHECK(canonicalToolName("a._.b") == "a_b");
    CHECK(canonicalToolName("plain") == "plain");
}

TEST_CASE("evonic parses the generic corpus the same way") {
    const EvonicHandler evonic;
    const GenericHandler generic;
    const RequestFixture fixture(standardTools());
    for (const auto& item : replyCorpus()) {
        INFO("case: " << item.label);
        const auto a = evonic.parseReply(fixture.request(), item.reply);
        const auto b = generic.parseReply(fixture.request(), item.reply);
        CHECK(a.content == b.content);
        CHECK(describeCalls(a.toolCalls) == describeCalls(b.toolCalls));
    }
}

TEST_CASE("evonic lists many tools one line each, few tools in full") {
    const EvonicHandler handler;
    const RequestFixture many(manyTools(30));
    const std::string text = handler.renderInstructions(many.request());
    CHECK(contains(text,
                   "- fs.read_file(path: string, offset?: integer): Read a file from the "
                   "workspace.\n"));
    CHECK(contains(text,
                   "- mcp__github__create_issue(title: string, body?: string): Create a "
                   "GitHub issue.\n"));
    CHECK(contains(text, "- ns29.do_thing(target?: string): Does thing number 29.\n"));
    CHECK_FALSE(contains(text, "second sentence"));
    CHECK_FALSE(contains(text, "JSON Schema"));
    CHECK(contains(text, "```tool_call\n{\"name\": \"fs.read_file\""));

    const GenericHandler generic;
    CHECK(text.size() < generic.renderInstructions(many.request()).size());

    const RequestFixture few(agentTools());
    const std::string full = handler.renderInstructions(few.request());
    CHECK(contains(full,
                   "### fs.read_file\nRead a file from the workspace. Returns its text.\n"
                   "Parameters (JSON Schema): {"));
}

TEST_CASE("with many tools the named tool still gets its full schema") {
    const EvonicHandler handler;
    const RequestFixture named(manyTools(20), sdk::ToolChoice::Named, "web.search");
    const std::string text = handler.renderInstructions(named.request());
    CHECK(contains(text,
                   "### web.search\nSearch the web.\nParameters (JSON Schema): "
                   R"({"type":"object","properties":{"query":{"type":"string"}})"));
    CHECK(contains(text, "you must call the tool web.search"));
}

TEST_CASE("evonic knows the refusals of agent models, generic does not") {
    const EvonicHandler evonic;
    const GenericHandler generic;
    const RequestFixture fixture(agentTools());
    const std::vector<std::string> agentRefusals = {
        "I cannot perform actions outside this conversation.",
        "I\xe2\x80\x99m not able to interact with external systems.",
        "I don't have permission to read files on your machine.",
        "I am not authorized to modify the repository.",
        "I can't access your files directly, but you can paste them here.",
        "I'm just a text-based AI, so I can only provide instructions.",
    };
    for (const auto& reply : agentRefusals) {
        INFO("reply: " << reply);
        const auto verdict = evonic.checkRefusal(fixture.request(), reply, false);
        CHECK(verdict.isRefusal);
        CHECK(contains(verdict.nudge, "agent host"));
        CHECK(contains(verdict.nudge, "permitted"));
        CHECK(contains(verdict.nudge, "```tool_call\n{\"name\": \"fs.read_file\""));
    }
    CHECK_FALSE(generic.checkRefusal(fixture.request(), agentRefusals[0], false).isRefusal);
    CHECK_FALSE(generic.checkRefusal(fixture.request(), agentRefusals[1], false).isRefusal);

    // Evonic keeps the generic list and the generic rules.
    CHECK(evonic.checkRefusal(fixture.request(), "I don't have access to tools.", false).isRefusal);
    CHECK_FALSE(
        evonic.checkRefusal(fixture.request(), "Done: the file has 3 lines.", false).isRefusal);
    CHECK_FALSE(evonic.checkRefusal(fixture.request(), agentRefusals[0], true).isRefusal);
    const RequestFixture named(agentTools(), sdk::ToolChoice::Named, "web.search");
    const auto verdict = evonic.checkRefusal(named.request(), "Here you go.", true);
    CHECK(verdict.isRefusal);
    CHECK(contains(verdict.nudge, "Call the tool web.search now."));
}

TEST_CASE("evonic counts what agents act on as capabilities, generic does not") {
    const EvonicHandler evonic;
    const GenericHandler generic;
    const RequestFixture fixture(agentTools());
    // No offered tool mentions a codebase, but an agent host's tools act on it.
    for (const std::string reply : {"I'm not able to check the codebase from here.",
                                    "Sorry, I can't look through your project directory.",
                                    "I don't have access to the server from here."}) {
        INFO("reply: " << reply);
        CHECK(evonic.checkRefusal(fixture.request(), reply, false).isRefusal);
        CHECK_FALSE(generic.checkRefusal(fixture.request(), reply, false).isRefusal);
    }
    // Its phrases sit on top of the shared detector: answers stay answers.
    for (const std::string reply : {"I cannot find a `Makefile` in the repository root.",
                                    "I didn't change any files yet. Shall I start?",
                                    "The file `src/main.rs` doesn't exist in the workspace."}) {
        INFO("reply: " << reply);
        CHECK_FALSE(evonic.checkRefusal(fixture.request(), reply, false).isRefusal);
    }
}

}  // namespace claude_proxy::plugins::test
