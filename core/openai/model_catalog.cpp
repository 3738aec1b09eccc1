#include "openai/model_catalog.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "openai/api_error.hpp"
#include "openai/json_writer.hpp"
#include "openai/utf8.hpp"

namespace claude_proxy::openai {
namespace {

constexpr std::size_t kMaxModelIdLength = 100;
constexpr std::array<std::string_view, 3> kBuiltInAliases = {"sonnet", "opus", "haiku"};
constexpr std::string_view kClaudePrefix = "claude-";

bool isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isIdChar(char c) {
    return isAsciiAlnum(c) || c == '.' || c == '_' || c == ':' || c == '[' || c == ']' || c == '-';
}

// The shape every model id must have before we look it up. It keeps anything that could be read
// as a command-line flag ("-x"), or that holds spaces or control bytes, away from `--model`.
bool isWellFormedId(std::string_view id) {
    return !id.empty() && id.size() <= kMaxModelIdLength && isAsciiAlnum(id.front()) &&
           std::all_of(id.begin(), id.end(), isIdChar);
}

// `claude-` + [a-z0-9.-]+, optionally followed by one bracketed [a-z0-9]+ suffix ("[1m]").
bool isClaudeModelId(std::string_view id) {
    if (!id.starts_with(kClaudePrefix)) {
        return false;
    }
    std::string_view rest = id.substr(kClaudePrefix.size());
    if (rest.ends_with(']')) {
        const auto open = rest.rfind('[');
        if (open == std::string_view::npos) {
            return false;
        }
        const std::string_view suffix = rest.substr(open + 1, rest.size() - open - 2);
        if (suffix.empty() || !std::all_of(suffix.begin(), suffix.end(), isLowerAlnum)) {
            return false;
        }
        rest = rest.substr(0, open);
    }
    return !rest.empty() && std::all_of(rest.begin(), rest.end(), [](char c) {
        return isLowerAlnum(c) || c == '.' || c == '-';
    });
}

bool isBuiltInAlias(std::string_view id) {
    return std::find(kBuiltInAliases.begin(), kBuiltInAliases.end(), id) != kBuiltInAliases.end();
}

void requireWellFormed(std::string_view id, std::string_view what) {
    if (!isWellFormedId(id)) {
        throw std::invalid_argument(std::string(what) + " '" + std::string(id) +
                                    "' is not a valid model id (1-100 characters from "
                                    "[A-Za-z0-9._:[]-], starting with a letter or digit)");
    }
}

}  // namespace

ModelCatalog::ModelCatalog(std::string defaultModel, std::map<std::string, std::string> aliases,
                           std::vector<std::string> extraIds)
    : defaultModel_(std::move(defaultModel)),
      aliases_(std::move(aliases)),
      extraIds_(std::move(extraIds)) {
    for (const auto& [alias, target] : aliases_) {
        requireWellFormed(alias, "model alias");
        requireWellFormed(target, "target of model alias '" + alias + "'");
    }
    for (const auto& id : extraIds_) {
        requireWellFormed(id, "extra model");
    }
    requireWellFormed(defaultModel_, "default model");
    try {
        resolve(defaultModel_);
    } catch (const ApiError&) {
        throw std::invalid_argument("default model '" + defaultModel_ +
                                    "' is neither a built-in alias (sonnet, opus, haiku), a "
                                    "configured alias or extra model, nor a claude-… model id");
    }
}

std::string ModelCatalog::resolve(std::string_view requested) const {
    if (!isWellFormedId(requested)) {
        const std::string shown(utf8Prefix(requested, kMaxModelIdLength));
        const std::string ellipsis = requested.size() > shown.size() ? "…" : "";
        throw ApiError::invalidRequest(
            requested.empty()
                ? std::string("The model id must not be empty.")
                : "Invalid model id '" + shown + ellipsis +
                      "': a model id has 1 to 100 characters, starts with a letter or digit and "
                      "uses only letters, digits and . _ : - [ ]",
            "model");
    }
    if (const auto alias = aliases_.find(std::string(requested)); alias != aliases_.end()) {
        return alias->second;
    }
    if (isBuiltInAlias(requested) || isClaudeModelId(requested) ||
        std::find(extraIds_.begin(), extraIds_.end(), requested) != extraIds_.end()) {
        return std::string(requested);
    }
    throw ApiError(404, "invalid_request_error", "model_not_found",
                   "The model `" + std::string(requested) +
                       "` does not exist or you do not have access to it.");
}

std::vector<std::string> ModelCatalog::listedIds() const {
    std::vector<std::string> ids;
    const auto add = [&ids](std::string_view id) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
            ids.emplace_back(id);
        }
    };
    for (const auto id : kBuiltInAliases) {
        add(id);
    }
    for (const auto& [alias, target] : aliases_) {
        add(alias);
    }
    for (const auto& id : extraIds_) {
        add(id);
    }
    return ids;
}

bool ModelCatalog::isListed(std::string_view id) const {
    return isBuiltInAlias(id) || aliases_.find(std::string(id)) != aliases_.end() ||
           std::find(extraIds_.begin(), extraIds_.end(), id) != extraIds_.end();
}

namespace {

void writeModel(JsonWriter& json, std::string_view id, long long created) {
    json.startObject();
    json.member("id", id);
    json.member("object", "model");
    json.memberInt("created", created);
    json.member("owned_by", "anthropic");
    json.endObject();
}

}  // namespace

std::string ModelCatalog::metricLabel(std::string_view requested) const {
    if (requested.empty()) {
        return {};
    }
    return isListed(requested) ? std::string(requested) : std::string("other");
}

std::string renderModelList(const ModelCatalog& catalog, long long created) {
    JsonWriter json;
    json.startObject();
    json.member("object", "list");
    json.key("data");
    json.startArray();
    for (const auto& id : catalog.listedIds()) {
        writeModel(json, id, created);
    }
    json.endArray();
    json.endObject();
    return json.str();
}

std::string renderModel(std::string_view id, long long created) {
    JsonWriter json;
    writeModel(json, id, created);
    return json.str();
}

}  // namespace claude_proxy::openai
