#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace claude_proxy::openai {

// The model ids the proxy advertises and accepts, and what each one becomes on the CLI's
// `--model`. Built once from configuration; read-only afterwards (safe to share across threads).
class ModelCatalog {
  public:
    // `defaultModel` is used when a request has no `model`. `aliases` maps extra public ids to a
    // CLI model ("gpt-4o" -> "sonnet"); `extraIds` are advertised and passed through unchanged.
    // A configured alias shadows a built-in alias of the same name. Throws
    // std::invalid_argument when an alias, alias target or extra id is not well-formed (see
    // resolve), or when `defaultModel` does not resolve: bad configuration fails at start-up.
    ModelCatalog(std::string defaultModel, std::map<std::string, std::string> aliases = {},
                 std::vector<std::string> extraIds = {});

    // Returns the CLI model for a requested id. Throws ApiError:
    //  - 400 invalid_value (param "model") when the id is empty, too long, starts with anything
    //    but a letter or digit, or holds characters outside [A-Za-z0-9._:[\]-];
    //  - 404 model_not_found (param null, message as OpenAI words it) when it is well-formed
    //    but neither a built-in alias (sonnet, opus, haiku), a configured alias or extra id, nor
    //    a `claude-…` model id: "claude-" + [a-z0-9.-]+, optionally + one "[a-z0-9]+" suffix.
    std::string resolve(std::string_view requested) const;

    const std::string& defaultModel() const { return defaultModel_; }

    // Every advertised id, in a stable order: built-in aliases, configured aliases, extra ids.
    std::vector<std::string> listedIds() const;

    // True when `id` is advertised by listedIds() (for GET /v1/models/{id}).
    bool isListed(std::string_view id) const;

    // The metrics label for a requested id: the id when it is advertised, "other" for any
    // other (any `claude-…` id is accepted, so labelling by the raw id would let clients add
    // series without bound), "" when the request named none we could read.
    std::string metricLabel(std::string_view requested) const;

  private:
    std::string defaultModel_;
    std::map<std::string, std::string> aliases_;
    std::vector<std::string> extraIds_;
};

// JSON for GET /v1/models and GET /v1/models/{id}. `created` is a Unix time.
std::string renderModelList(const ModelCatalog& catalog, long long created);
std::string renderModel(std::string_view id, long long created);

}  // namespace claude_proxy::openai
