#include "app/settings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>

#include "app/api_key_file.hpp"

namespace claude_proxy::app {
namespace {

using Apply = std::function<void(Settings&, const std::string&)>;

struct Option {
    OptionInfo info;
    Apply apply;
};

[[noreturn]] void fail(const std::string& key, const std::string& value, const std::string& what) {
    throw SettingsError("invalid value '" + value + "' for " + key + ": expected " + what);
}

long long parseInteger(const std::string& key, const std::string& value, long long min,
                       long long max) {
    long long parsed = 0;
    const char* end = value.data() + value.size();
    auto [ptr, ec] = std::from_chars(value.data(), end, parsed);
    const std::string range =
        "an integer from " + std::to_string(min) + " to " + std::to_string(max);
    if (value.empty() || ec != std::errc() || ptr != end || parsed < min || parsed > max) {
        fail(key, value, range);
    }
    return parsed;
}

std::chrono::milliseconds parseMillis(const std::string& key, const std::string& value,
                                      long long min, long long max) {
    return std::chrono::milliseconds(parseInteger(key, value, min, max));
}

bool parseBool(const std::string& key, const std::string& value) {
    if (value == "1" || value == "true" || value == "yes" || value == "on") {
        return true;
    }
    if (value == "0" || value == "false" || value == "no" || value == "off") {
        return false;
    }
    fail(key, value, "true or false");
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::vector<std::string> splitList(const std::string& value) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= value.size()) {
        const auto comma = value.find(',', start);
        const auto piece = trim(
            value.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (!piece.empty()) {
            items.push_back(piece);
        }
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return items;
}

// A model id as the catalog accepts it: letters, digits and . _ : [ ] -, not starting with '-'.
bool looksLikeModelId(const std::string& id) {
    if (id.empty() || id.size() > 100 || id.front() == '-') {
        return false;
    }
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '[' ||
                        c == ']' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

// "scheme://host[:port]" as a browser serialises an origin: no path, query or user info.
bool looksLikeOrigin(const std::string& origin) {
    const auto separator = origin.find("://");
    if (separator == std::string::npos || separator == 0 || separator + 3 == origin.size()) {
        return false;
    }
    for (std::size_t i = 0; i < separator; ++i) {
        const char c = origin[i];
        const bool ok = (c >= 'a' && c <= 'z') ||
                        (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
        if (!ok) {
            return false;
        }
    }
    const auto authority = origin.substr(separator + 3);
    return authority.find_first_of("/?#@ \t") == std::string::npos;
}

std::vector<std::string> parseOrigins(const std::string& value) {
    const std::string what =
        "* or a comma-separated list of origins like https://app.example.com "
        "(scheme://host[:port], no path)";
    auto origins = splitList(value);
    for (auto& origin : origins) {
        std::transform(origin.begin(), origin.end(), origin.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (origin == "*" ? origins.size() != 1 : !looksLikeOrigin(origin)) {
            fail("cors-origins", value, what);
        }
    }
    return origins;
}

// Host names as they appear in a Host header: letters, digits, '-' and '.', compared in lower
// case; "*." in front allows every subdomain.
std::vector<std::string> parseHostNames(const std::string& value) {
    auto names = splitList(value);
    for (auto& name : names) {
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const std::string bare = name.rfind("*.", 0) == 0 ? name.substr(2) : name;
        const bool ok =
            !bare.empty() && bare.size() <= 253 &&
            std::all_of(bare.begin(), bare.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            });
        if (!ok) {
            fail("allowed-hosts", value,
                 "a comma-separated list of host names like proxy.example.com or "
                 "*.example.com (no port)");
        }
    }
    return names;
}

// Hosts as written in URLs: names or IP addresses (IPv6 without brackets), no port.
std::vector<std::string> parseFetchHosts(const std::string& key, const std::string& value) {
    auto hosts = splitList(value);
    for (auto& host : hosts) {
        std::transform(host.begin(), host.end(), host.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const bool ok = host.size() <= 253 && std::all_of(host.begin(), host.end(), [](char c) {
                            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                                   c == '.' || c == ':';
                        });
        if (!ok) {
            fail(key, value,
                 "a comma-separated list of host names or IP addresses like 127.0.0.1 or "
                 "images.intranet (no port, no brackets)");
        }
    }
    return hosts;
}

std::string checkedModelId(const std::string& key, const std::string& id) {
    if (!looksLikeModelId(id)) {
        fail(key, id, "a model id of letters, digits and . _ : [ ] - (not starting with '-')");
    }
    return id;
}

const std::vector<Option>& options() {
    static const std::vector<Option> table = {
        {{"host", "CLAUDE_PROXY_HOST", "127.0.0.1", "address to listen on"},
         [](Settings& s, const std::string& v) {
             if (v.empty()) {
                 fail("host", v, "an IP address or host name");
             }
             s.host = v;
         }},
        {{"port", "CLAUDE_PROXY_PORT", "8088", "TCP port to listen on (0 picks a free one)"},
         [](Settings& s, const std::string& v) {
             s.port = static_cast<int>(parseInteger("port", v, 0, 65535));
         }},
        {{"claude-bin", "CLAUDE_PROXY_CLAUDE_BIN", "claude",
          "the claude CLI: a path, or a name looked up on PATH"},
         [](Settings& s, const std::string& v) {
             if (v.empty()) {
                 fail("claude-bin", v, "a path or a command name");
             }
             s.claudeBin = v;
         }},
        {{"default-model", "CLAUDE_PROXY_DEFAULT_MODEL", "sonnet",
          "model used when a request names none"},
         [](Settings& s, const std::string& v) {
             s.defaultModel = checkedModelId("default-model", v);
         }},
        {{"model-aliases", "CLAUDE_PROXY_MODEL_ALIASES", "",
          "extra model ids mapped to a CLI model, e.g. gpt-4o=sonnet,gpt-4o-mini=haiku"},
         [](Settings& s, const std::string& v) {
             s.modelAliases.clear();
             for (const auto& pair : splitList(v)) {
                 const auto eq = pair.find('=');
                 if (eq == std::string::npos) {
                     fail("model-aliases", v, "a comma-separated list of id=model pairs");
                 }
                 s.modelAliases[checkedModelId("model-aliases", trim(pair.substr(0, eq)))] =
                     checkedModelId("model-aliases", trim(pair.substr(eq + 1)));
             }
         }},
        {{"extra-models", "CLAUDE_PROXY_EXTRA_MODELS", "",
          "extra model ids to advertise and pass to the CLI unchanged (comma-separated)"},
         [](Settings& s, const std::string& v) {
             s.extraModels.clear();
             for (const auto& id : splitList(v)) {
                 s.extraModels.push_back(checkedModelId("extra-models", id));
             }
         }},
        {{"max-concurrency", "CLAUDE_PROXY_MAX_CONCURRENCY", "4",
          "CLI processes allowed at once (0 = unlimited)"},
         [](Settings& s, const std::string& v) {
             s.maxConcurrency =
                 static_cast<std::size_t>(parseInteger("max-concurrency", v, 0, 1024));
         }},
        {{"max-queue", "CLAUDE_PROXY_MAX_QUEUE", "32",
          "requests that may wait for a CLI slot, first come first served; more are answered "
          "429 at once"},
         [](Settings& s, const std::string& v) {
             s.maxQueue = static_cast<std::size_t>(parseInteger("max-queue", v, 0, 65536));
         }},
        {{"queue-timeout-ms", "CLAUDE_PROXY_QUEUE_TIMEOUT_MS", "30000",
          "how long a request waits for a free slot before a 429"},
         [](Settings& s, const std::string& v) {
             s.queueTimeout = parseMillis("queue-timeout-ms", v, 0, 3600000);
         }},
        {{"request-timeout-ms", "CLAUDE_PROXY_REQUEST_TIMEOUT_MS", "600000",
          "wall-clock limit of one CLI run; the run is ended after it (504)"},
         [](Settings& s, const std::string& v) {
             s.requestTimeout = parseMillis("request-timeout-ms", v, 1000, 86400000);
         }},
        {{"shutdown-grace-ms", "CLAUDE_PROXY_SHUTDOWN_GRACE_MS", "30000",
          "on SIGTERM/SIGINT, how long requests in flight may finish before their CLI runs are "
          "ended"},
         [](Settings& s, const std::string& v) {
             s.shutdownGrace = parseMillis("shutdown-grace-ms", v, 0, 3600000);
         }},
        {{"kill-grace-ms", "CLAUDE_PROXY_KILL_GRACE_MS", "2000",
          "time between SIGTERM and SIGKILL when a CLI run is ended"},
         [](Settings& s, const std::string& v) {
             s.killGrace = parseMillis("kill-grace-ms", v, 0, 60000);
         }},
        {{"keepalive-interval-ms", "CLAUDE_PROXY_KEEPALIVE_INTERVAL_MS", "5000",
          "silence after which a stream gets an SSE ': keep-alive' comment"},
         [](Settings& s, const std::string& v) {
             s.keepAliveInterval = parseMillis("keepalive-interval-ms", v, 100, 600000);
         }},
        {{"max-body-bytes", "CLAUDE_PROXY_MAX_BODY_BYTES", "8388608",
          "largest request body accepted (413 above it)"},
         [](Settings& s, const std::string& v) {
             s.maxBodyBytes =
                 static_cast<std::size_t>(parseInteger("max-body-bytes", v, 1024, 1LL << 30));
         }},
        {{"live-conversations", "CLAUDE_PROXY_LIVE_CONVERSATIONS", "8",
          "idle conversations kept with their CLI process, so that the next turn goes to it "
          "(0: none kept)"},
         [](Settings& s, const std::string& v) {
             s.liveConversations =
                 static_cast<std::size_t>(parseInteger("live-conversations", v, 0, 10000));
         }},
        {{"live-idle-timeout-ms", "CLAUDE_PROXY_LIVE_IDLE_TIMEOUT_MS", "600000",
          "a kept conversation's CLI process is ended after this long without a turn"},
         [](Settings& s, const std::string& v) {
             s.liveIdleTimeout = parseMillis("live-idle-timeout-ms", v, 1000, 86400000);
         }},
        {{"spare-processes", "CLAUDE_PROXY_SPARE_PROCESSES", "1",
          "CLI processes started ahead, so that a new conversation skips the CLI's start-up "
          "(0: none)"},
         [](Settings& s, const std::string& v) {
             s.spareProcesses = static_cast<std::size_t>(parseInteger("spare-processes", v, 0, 64));
         }},
        {{"spare-max-age-ms", "CLAUDE_PROXY_SPARE_MAX_AGE_MS", "1800000",
          "a spare process not used for this long is replaced by a fresh one"},
         [](Settings& s, const std::string& v) {
             s.spareMaxAge = parseMillis("spare-max-age-ms", v, 1000, 86400000);
         }},
        {{"process-memory-budget-mb", "CLAUDE_PROXY_PROCESS_MEMORY_BUDGET_MB", "1536",
          "memory (measured RSS) all idle CLI processes, kept conversations and spares, may "
          "hold together; the least recently used are ended past it"},
         [](Settings& s, const std::string& v) {
             s.processMemoryBudgetMb =
                 static_cast<std::size_t>(parseInteger("process-memory-budget-mb", v, 0, 1048576));
         }},
        {{"resume-sessions", "CLAUDE_PROXY_RESUME_SESSIONS", "true",
          "keep each finished turn's CLI transcript in the state directory and resume it with "
          "--resume when the conversation's process is gone (false: replay the history)"},
         [](Settings& s, const std::string& v) {
             s.resumeSessions = parseBool("resume-sessions", v);
         }},
        {{"state-dir", "CLAUDE_PROXY_STATE_DIR", "$XDG_STATE_HOME/claude-proxy",
          "the proxy's private state (kept transcripts), mode 0700; without XDG_STATE_HOME "
          "~/.local/state/claude-proxy"},
         [](Settings& s, const std::string& v) { s.stateDir = v; }},
        {{"resume-max-sessions", "CLAUDE_PROXY_RESUME_MAX_SESSIONS", "500",
          "kept transcripts at most; the oldest are dropped past it"},
         [](Settings& s, const std::string& v) {
             s.resumeMaxSessions =
                 static_cast<std::size_t>(parseInteger("resume-max-sessions", v, 1, 1000000));
         }},
        {{"resume-max-mb", "CLAUDE_PROXY_RESUME_MAX_MB", "256",
          "total size of the kept transcripts at most; the oldest are dropped past it"},
         [](Settings& s, const std::string& v) {
             s.resumeMaxMb = static_cast<std::size_t>(parseInteger("resume-max-mb", v, 1, 1048576));
         }},
        {{"resume-max-age-hours", "CLAUDE_PROXY_RESUME_MAX_AGE_HOURS", "168",
          "a kept transcript is dropped this long after the turn that wrote it"},
         [](Settings& s, const std::string& v) {
             s.resumeMaxAge = std::chrono::hours(parseInteger("resume-max-age-hours", v, 1, 87600));
         }},
        {{"stored-responses", "CLAUDE_PROXY_STORED_RESPONSES", "256",
          "Responses API answers kept in memory for previous_response_id and GET "
          "/v1/responses/{id}; the oldest go first (0: none kept)"},
         [](Settings& s, const std::string& v) {
             s.storedResponses =
                 static_cast<std::size_t>(parseInteger("stored-responses", v, 0, 1000000));
         }},
        {{"stored-responses-mb", "CLAUDE_PROXY_STORED_RESPONSES_MB", "64",
          "total size of the kept responses at most; the oldest go first"},
         [](Settings& s, const std::string& v) {
             s.storedResponsesMb =
                 static_cast<std::size_t>(parseInteger("stored-responses-mb", v, 1, 65536));
         }},
        {{"stored-response-max-age-minutes", "CLAUDE_PROXY_STORED_RESPONSE_MAX_AGE_MINUTES", "60",
          "a kept response is dropped this long after it was answered"},
         [](Settings& s, const std::string& v) {
             s.storedResponseMaxAge = std::chrono::minutes(
                 parseInteger("stored-response-max-age-minutes", v, 1, 525600));
         }},
        {{"cli-max-retries", "CLAUDE_PROXY_CLI_MAX_RETRIES", "2",
          "retries the CLI makes on a failing upstream (CLAUDE_CODE_MAX_RETRIES)"},
         [](Settings& s, const std::string& v) {
             s.cliPatience.maxRetries = static_cast<int>(parseInteger("cli-max-retries", v, 0, 15));
         }},
        {{"cli-api-timeout-ms", "CLAUDE_PROXY_CLI_API_TIMEOUT_MS", "20000",
          "per-attempt upstream timeout of the CLI (API_TIMEOUT_MS)"},
         [](Settings& s, const std::string& v) {
             s.cliPatience.apiTimeout = parseMillis("cli-api-timeout-ms", v, 1000, 3600000);
         }},
        {{"cli-stream-idle-timeout-ms", "CLAUDE_PROXY_CLI_STREAM_IDLE_TIMEOUT_MS", "30000",
          "silence after which the CLI gives up on an upstream stream "
          "(CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS, 10000 at least)"},
         [](Settings& s, const std::string& v) {
             s.cliPatience.streamIdleTimeout =
                 parseMillis("cli-stream-idle-timeout-ms", v, 10000, 1800000);
         }},
        {{"system-prompt-mode", "CLAUDE_PROXY_SYSTEM_PROMPT_MODE", "replace",
          "replace: the client's system prompt replaces Claude Code's; append: it is appended"},
         [](Settings& s, const std::string& v) {
             if (v == "replace") {
                 s.systemPromptMode = cli::SystemPromptMode::Replace;
             } else if (v == "append") {
                 s.systemPromptMode = cli::SystemPromptMode::Append;
             } else {
                 fail("system-prompt-mode", v, "replace or append");
             }
         }},
        {{"plugin-dirs", "CLAUDE_PROXY_PLUGIN_DIRS",
          "<prefix>/lib/claude-proxy/plugins (+ the build tree's plugins when run from it)",
          "directories searched for tool-call handler plugins (*.so), comma-separated"},
         [](Settings& s, const std::string& v) { s.pluginDirs = splitList(v); }},
        {{"default-toolcall-module", "CLAUDE_PROXY_DEFAULT_TOOLCALL_MODULE", "generic",
          "tool-call handler used when a request has no X-Toolcall-Module header"},
         [](Settings& s, const std::string& v) {
             if (v.empty()) {
                 fail("default-toolcall-module", v, "a handler name");
             }
             s.defaultToolCallModule = v;
         }},
        {{"refusal-retries", "CLAUDE_PROXY_REFUSAL_RETRIES", "1",
          "retries after the model falsely refuses to call an offered tool"},
         [](Settings& s, const std::string& v) {
             s.refusalRetries = static_cast<int>(parseInteger("refusal-retries", v, 0, 5));
         }},
        {{"show-reasoning", "CLAUDE_PROXY_SHOW_REASONING", "true",
          "return the model's thinking as reasoning_content (false: it is dropped)"},
         [](Settings& s, const std::string& v) {
             s.showReasoning = parseBool("show-reasoning", v);
         }},
        {{"fetch-remote-images", "CLAUDE_PROXY_FETCH_REMOTE_IMAGES", "false",
          "fetch images that requests give by http URL (off: such images are refused with 400)"},
         [](Settings& s, const std::string& v) {
             s.fetchRemoteImages = parseBool("fetch-remote-images", v);
         }},
        {{"fetch-remote-images-allow-hosts", "CLAUDE_PROXY_FETCH_REMOTE_IMAGES_ALLOW_HOSTS", "",
          "hosts fetched from even though they resolve to loopback, private or link-local "
          "addresses, comma-separated (for tests and trusted intranets only)"},
         [](Settings& s, const std::string& v) {
             s.fetchRemoteImagesAllowHosts = parseFetchHosts("fetch-remote-images-allow-hosts", v);
         }},
        {{"fetch-remote-images-timeout-ms", "CLAUDE_PROXY_FETCH_REMOTE_IMAGES_TIMEOUT_MS", "10000",
          "time one remote image may take to fetch"},
         [](Settings& s, const std::string& v) {
             s.fetchRemoteImagesTimeout =
                 parseMillis("fetch-remote-images-timeout-ms", v, 100, 120000);
         }},
        {{"work-dir", "CLAUDE_PROXY_WORK_DIR", "$TMPDIR or /tmp",
          "where each run's private working directory is created"},
         [](Settings& s, const std::string& v) { s.workDir = v; }},
        {{"log-level", "CLAUDE_PROXY_LOG_LEVEL", "info", "trace, debug, info, warn, error or off"},
         [](Settings& s, const std::string& v) {
             static const std::vector<std::string> levels = {"trace", "debug", "info",
                                                             "warn",  "error", "off"};
             if (std::find(levels.begin(), levels.end(), v) == levels.end()) {
                 fail("log-level", v, "trace, debug, info, warn, error or off");
             }
             s.logLevel = v;
         }},
        {{"log-format", "CLAUDE_PROXY_LOG_FORMAT", "text",
          "text, or json: one JSON object per line with time, level and message"},
         [](Settings& s, const std::string& v) {
             if (v == "text") {
                 s.logFormat = LogFormat::Text;
             } else if (v == "json") {
                 s.logFormat = LogFormat::Json;
             } else {
                 fail("log-format", v, "text or json");
             }
         }},
        {{"log-prompts", "CLAUDE_PROXY_LOG_PROMPTS", "false",
          "log prompts and replies at debug level (off by default: they may be private)"},
         [](Settings& s, const std::string& v) { s.logPrompts = parseBool("log-prompts", v); }},
        {{"server-threads", "CLAUDE_PROXY_SERVER_THREADS", "64",
          "HTTP worker threads (requests waiting for a CLI slot hold one)"},
         [](Settings& s, const std::string& v) {
             s.serverThreads = static_cast<int>(parseInteger("server-threads", v, 2, 4096));
         }},
        {{"max-connections", "CLAUDE_PROXY_MAX_CONNECTIONS", "1024",
          "client connections open at once; more are answered 503 and closed"},
         [](Settings& s, const std::string& v) {
             s.maxConnections =
                 static_cast<std::size_t>(parseInteger("max-connections", v, 8, 1000000));
         }},
        {{"max-connections-per-client", "CLAUDE_PROXY_MAX_CONNECTIONS_PER_CLIENT", "256",
          "connections open at once from one client address; more are answered 429 and closed"},
         [](Settings& s, const std::string& v) {
             s.maxConnectionsPerClient = static_cast<std::size_t>(
                 parseInteger("max-connections-per-client", v, 1, 1000000));
         }},
        {{"request-read-timeout-ms", "CLAUDE_PROXY_REQUEST_READ_TIMEOUT_MS", "30000",
          "time a client has to send one whole request, head and body (then 408)"},
         [](Settings& s, const std::string& v) {
             s.requestReadTimeout = parseMillis("request-read-timeout-ms", v, 100, 3600000);
         }},
        {{"keep-alive-timeout-ms", "CLAUDE_PROXY_KEEP_ALIVE_TIMEOUT_MS", "15000",
          "how long an idle connection is kept open for its next request"},
         [](Settings& s, const std::string& v) {
             s.keepAliveTimeout = parseMillis("keep-alive-timeout-ms", v, 100, 3600000);
         }},
        {{"api-keys", "CLAUDE_PROXY_API_KEYS", "",
          "API keys clients must present (Authorization: Bearer KEY or x-api-key: KEY), "
          "comma-separated; with none set, no key is asked for"},
         [](Settings& s, const std::string& v) {
             s.apiKeys = splitList(v);
             for (const auto& key : s.apiKeys) {
                 if (!isUsableApiKey(key)) {
                     // Never echo the value: it is a secret.
                     throw SettingsError(
                         "invalid value for api-keys: every key must be visible ASCII without "
                         "spaces (the value is not shown)");
                 }
             }
         }},
        {{"api-key-file", "CLAUDE_PROXY_API_KEY_FILE", "",
          "file with more API keys, one per line ('#' comments and blank lines are ignored)"},
         [](Settings& s, const std::string& v) { s.apiKeyFile = v; }},
        {{"allow-unauthenticated", "CLAUDE_PROXY_ALLOW_UNAUTHENTICATED", "false",
          "start on a non-loopback host without API keys (anyone who reaches it can use it)", true},
         [](Settings& s, const std::string& v) {
             s.allowUnauthenticated = parseBool("allow-unauthenticated", v);
         }},
        {{"cors-origins", "CLAUDE_PROXY_CORS_ORIGINS", "",
          "browser origins allowed by CORS, comma-separated (https://app.example.com), or *; "
          "none: CORS off"},
         [](Settings& s, const std::string& v) { s.corsOrigins = parseOrigins(v); }},
        {{"allowed-hosts", "CLAUDE_PROXY_ALLOWED_HOSTS", "",
          "host names (besides localhost and IP addresses) accepted in the Host header when no "
          "API key is set, comma-separated"},
         [](Settings& s, const std::string& v) { s.allowedHosts = parseHostNames(v); }},
    };
    return table;
}

const Option* findByKey(const std::string& key) {
    const auto& table = options();
    const auto it = std::find_if(table.begin(), table.end(),
                                 [&](const Option& o) { return o.info.key == key; });
    return it == table.end() ? nullptr : &*it;
}

}  // namespace

const std::vector<OptionInfo>& optionTable() {
    static const std::vector<OptionInfo> infos = [] {
        std::vector<OptionInfo> out;
        for (const auto& option : options()) {
            out.push_back(option.info);
        }
        return out;
    }();
    return infos;
}

const OptionInfo* findOption(const std::string& key) {
    const Option* option = findByKey(key);
    return option == nullptr ? nullptr : &option->info;
}

std::string stateDirectory(const std::string& configured,
                           const std::map<std::string, std::string>& environment) {
    if (!configured.empty()) {
        return configured;
    }
    const auto value = [&](const char* name) {
        const auto found = environment.find(name);
        return found == environment.end() ? std::string() : found->second;
    };
    if (const auto xdg = value("XDG_STATE_HOME"); !xdg.empty()) {
        return xdg + "/claude-proxy";
    }
    if (const auto home = value("HOME"); !home.empty()) {
        return home + "/.local/state/claude-proxy";
    }
    return {};
}

Settings loadSettings(const std::map<std::string, std::string>& environment,
                      const std::map<std::string, std::string>& flags, const FileValues& file) {
    Settings settings;
    // File values in the order of their lines, so the first problem in the file is reported.
    std::vector<std::pair<std::string, FileValue>> fileValues(file.values.begin(),
                                                              file.values.end());
    std::sort(fileValues.begin(), fileValues.end(),
              [](const auto& a, const auto& b) { return a.second.line < b.second.line; });
    for (const auto& [key, entry] : fileValues) {
        const std::string where = file.name + ":" + std::to_string(entry.line) + ": ";
        const Option* option = findByKey(key);
        if (option == nullptr) {
            throw SettingsError(where + "unknown key '" + key + "'");
        }
        try {
            option->apply(settings, entry.value);
        } catch (const SettingsError& error) {
            throw SettingsError(where + error.what());
        }
    }
    for (const auto& option : options()) {
        if (const auto it = environment.find(option.info.envVar); it != environment.end()) {
            option.apply(settings, it->second);
        }
    }
    for (const auto& [key, value] : flags) {
        const Option* option = findByKey(key);
        if (option == nullptr) {
            throw SettingsError("unknown option --" + key);
        }
        option->apply(settings, value);
    }
    return settings;
}

}  // namespace claude_proxy::app
