#include "openai/model_catalog.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "openai_test_support.hpp"

namespace claude_proxy::openai {
namespace {

using test::apiErrorFrom;
using test::member;
using test::parseJson;
using test::stringOf;

void expectMalformed(const ModelCatalog& catalog, const std::string& id) {
    INFO("id: " << id);
    const auto error = apiErrorFrom([&] { catalog.resolve(id); });
    REQUIRE(error.has_value());
    CHECK(error->httpStatus() == 400);
    CHECK(error->type() == "invalid_request_error");
    CHECK(error->code() == "invalid_value");
    CHECK(error->param() == std::optional<std::string>("model"));
}

void expectNotFound(const ModelCatalog& catalog, const std::string& id) {
    INFO("id: " << id);
    const auto error = apiErrorFrom([&] { catalog.resolve(id); });
    REQUIRE(error.has_value());
    CHECK(error->httpStatus() == 404);
    CHECK(error->type() == "invalid_request_error");
    CHECK(error->code() == "model_not_found");
    CHECK_FALSE(error->param().has_value());
    CHECK(std::string(error->what()) ==
          "The model `" + id + "` does not exist or you do not have access to it.");
}

}  // namespace

TEST_CASE("built-in aliases resolve to themselves") {
    const ModelCatalog catalog("sonnet");
    CHECK(catalog.defaultModel() == "sonnet");
    CHECK(catalog.resolve("sonnet") == "sonnet");
    CHECK(catalog.resolve("opus") == "opus");
    CHECK(catalog.resolve("haiku") == "haiku");
}

TEST_CASE("claude- model ids pass through, with an optional bracket suffix") {
    const ModelCatalog catalog("sonnet");
    for (const std::string& id : std::vector<std::string>{
             "claude-sonnet-4-5", "claude-opus-4-1-20250805", "claude-3.5-haiku",
             "claude-sonnet-4-5[1m]", "claude-x[200k]", "claude-" + std::string(93, 'a')}) {
        INFO("id: " << id);
        CHECK(catalog.resolve(id) == id);
    }
}

TEST_CASE("configured aliases and extra ids resolve") {
    const ModelCatalog catalog("sonnet", {{"gpt-4o", "sonnet"}, {"opus", "claude-opus-4-1"}},
                               {"my:model_v1.2"});
    CHECK(catalog.resolve("gpt-4o") == "sonnet");
    // A configured alias takes precedence over the built-in one of the same name.
    CHECK(catalog.resolve("opus") == "claude-opus-4-1");
    CHECK(catalog.resolve("my:model_v1.2") == "my:model_v1.2");
}

TEST_CASE("malformed ids are a 400 on param model") {
    const ModelCatalog catalog("sonnet");
    for (const std::string& id : std::vector<std::string>{
             "", "-x", "--help", "--model=opus", "a b", " sonnet", "sonnet ", "_x", ".x", "[1m]",
             "x;rm", "x/y", "x\ny", "caf\xc3\xa9", std::string("a\0b", 3), std::string(101, 'a'),
             "claude-" + std::string(94, 'a')}) {
        expectMalformed(catalog, id);
    }
}

TEST_CASE("a very long malformed id is not echoed in full") {
    const ModelCatalog catalog("sonnet");
    const auto error = apiErrorFrom([&] { catalog.resolve(std::string(100000, 'x')); });
    REQUIRE(error.has_value());
    CHECK(std::string(error->what()).size() < 400);
}

TEST_CASE("well-formed unknown ids are a 404 model_not_found") {
    const ModelCatalog catalog("sonnet", {{"fast", "haiku"}}, {"extra-1"});
    for (const std::string& id : std::vector<std::string>{
             "gpt-4o", "Sonnet", "sonnet-5", "Claude-sonnet-4", "claude-", "claude-X",
             "claude_sonnet", "claude-x[]", "claude-x[1M]", "claude-x[1m][2m]", "claude-x]",
             "claude-[1m]", "claude-x[1m", "claude-a:b", "fast2", "extra-2", "sonnet[1m]"}) {
        expectNotFound(catalog, id);
    }
}

TEST_CASE("listedIds: built-ins, then aliases, then extras, without duplicates") {
    const ModelCatalog catalog("sonnet", {{"zeta", "opus"}, {"alpha", "haiku"}, {"opus", "opus"}},
                               {"claude-sonnet-4-5", "alpha", "extra"});
    CHECK(catalog.listedIds() == std::vector<std::string>{"sonnet", "opus", "haiku", "alpha",
                                                          "zeta", "claude-sonnet-4-5", "extra"});
    CHECK(ModelCatalog("opus").listedIds() == std::vector<std::string>{"sonnet", "opus", "haiku"});
}

TEST_CASE("isListed follows listedIds") {
    const ModelCatalog catalog("sonnet", {{"gpt-4o", "sonnet"}}, {"claude-sonnet-4-5"});
    for (const auto& id : catalog.listedIds()) {
        CHECK(catalog.isListed(id));
    }
    CHECK_FALSE(catalog.isListed("claude-opus-4-1"));
    CHECK_FALSE(catalog.isListed("gpt-4"));
    CHECK_FALSE(catalog.isListed(""));
    CHECK_FALSE(catalog.isListed("Sonnet"));
}

TEST_CASE("bad configuration is refused when the catalog is built") {
    CHECK_THROWS_AS(ModelCatalog("-x"), std::invalid_argument);
    CHECK_THROWS_AS(ModelCatalog(""), std::invalid_argument);
    CHECK_THROWS_AS(ModelCatalog("gpt-4o"), std::invalid_argument);
    CHECK_THROWS_AS(ModelCatalog("sonnet", {{"a b", "sonnet"}}), std::invalid_argument);
    CHECK_THROWS_AS(ModelCatalog("sonnet", {{"fast", "--dangerous"}}), std::invalid_argument);
    CHECK_THROWS_AS(ModelCatalog("sonnet", {}, {"-y"}), std::invalid_argument);
    // The default may be any id the catalog resolves.
    CHECK(ModelCatalog("gpt-4o", {{"gpt-4o", "sonnet"}}).resolve("gpt-4o") == "sonnet");
    CHECK(ModelCatalog("claude-sonnet-4-5").defaultModel() == "claude-sonnet-4-5");
    CHECK(ModelCatalog("mine", {}, {"mine"}).defaultModel() == "mine");
}

TEST_CASE("renderModelList lists every advertised id") {
    const ModelCatalog catalog("sonnet", {{"gpt-4o", "sonnet"}}, {"claude-sonnet-4-5"});
    const auto document = parseJson(renderModelList(catalog, 1700000000));
    REQUIRE(document.IsObject());
    CHECK(document.MemberCount() == 2);
    CHECK(stringOf(member(document, "object")) == "list");
    const auto& data = member(document, "data");
    REQUIRE(data.IsArray());
    const auto ids = catalog.listedIds();
    REQUIRE(data.Size() == ids.size());
    for (rapidjson::SizeType i = 0; i < data.Size(); ++i) {
        const auto& model = data[i];
        CHECK(model.MemberCount() == 4);
        CHECK(stringOf(member(model, "id")) == ids[i]);
        CHECK(stringOf(member(model, "object")) == "model");
        REQUIRE(member(model, "created").IsInt64());
        CHECK(member(model, "created").GetInt64() == 1700000000);
        CHECK(stringOf(member(model, "owned_by")) == "anthropic");
    }
}

TEST_CASE("renderModel renders one model object") {
    CHECK(renderModel("opus", 42) ==
          R"({"id":"opus","object":"model","created":42,"owned_by":"anthropic"})");
    const auto document = parseJson(renderModel("we\"ird\n", 0));
    CHECK(stringOf(member(document, "id")) == "we\"ird\n");
}

TEST_CASE("metric labels are the advertised ids, other for anything else, empty for none") {
    const ModelCatalog catalog("sonnet", {{"gpt-4o", "sonnet"}}, {"claude-custom"});
    CHECK(catalog.metricLabel("sonnet") == "sonnet");
    CHECK(catalog.metricLabel("gpt-4o") == "gpt-4o");
    CHECK(catalog.metricLabel("claude-custom") == "claude-custom");
    // Accepted by resolve(), but a fresh label per id would grow the series without bound.
    CHECK(catalog.metricLabel("claude-sonnet-4-5-20250929") == "other");
    CHECK(catalog.metricLabel("claude-x-1") == "other");
    CHECK(catalog.metricLabel("").empty());
}

}  // namespace claude_proxy::openai
