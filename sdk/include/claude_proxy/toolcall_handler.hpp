// claude-proxy tool-call handler SDK: the C++ face of <claude_proxy/toolcall_abi.h>.
//
// A handler teaches the model a text protocol for calling the client's tools (the CLI cannot
// hand native tool calls back to the caller), renders earlier calls and results into the
// transcript, finds calls in the model's reply, and spots false refusals. Write a class that
// derives from BaseToolCallHandler and register it with one macro line:
//
//     #include <claude_proxy/toolcall_handler.hpp>
//
//     class MyHandler : public claude_proxy::sdk::BaseToolCallHandler { ... };
//     CLAUDE_PROXY_TOOLCALL_HANDLER(MyHandler, "my-handler", "1.0.0", "What it is for")
//
// Build it with find_package(ClaudeProxySDK 1) and claude_proxy_add_plugin(). Header-only;
// needs only the C++17 standard library. See sdk/README.md for the whole contract.
//
// Threading: the handler object is created once when the plugin loads (its constructor runs on
// the host's main thread) and then its const hooks are called from many request threads at
// once. Keep no mutable per-request state in it.
//
// Lifetimes: every string_view and vector passed to a hook points into host memory that is
// valid only until the hook returns. Copy what you keep. The one exception is the ToolRequest
// given to beginStream: it stays valid for the life of the StreamScanner made from it.
//
// Streaming: for each streamed reply the host asks beginStream for a StreamScanner and feeds it
// the reply piece by piece. The default scanner keeps the text and asks safeContentLength on
// every piece (a rescan from byte 0 each time); override beginStream with a scanner that
// resumes where it stopped when replies can be long.
//
// Errors: a hook that throws is contained: the wrapper catches the exception, the host logs
// its message and fails that one request (or, for the constructor, refuses the plugin).
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "claude_proxy/toolcall_abi.h"

namespace claude_proxy::sdk {

enum class ToolChoice { Auto, None, Required, Named };

// One offered function tool; parametersJson is its JSON Schema as JSON text.
struct Tool {
    std::string_view name;
    std::string_view description;
    std::string_view parametersJson;
};

// The tool side of one request.
struct ToolRequest {
    std::vector<Tool> tools;
    ToolChoice choice = ToolChoice::Auto;
    std::string_view namedTool;  // with ToolChoice::Named
    bool parallelToolCalls = true;

    // The offered tool of that name, or nullptr.
    const Tool* find(std::string_view name) const {
        for (const auto& tool : tools) {
            if (tool.name == name) {
                return &tool;
            }
        }
        return nullptr;
    }
};

// A tool call from an earlier assistant turn; argumentsJson is a JSON object as text.
struct ToolCall {
    std::string_view id;
    std::string_view name;
    std::string_view argumentsJson;
};

// A call found in a reply. The host validates it (offered name, arguments a JSON object),
// gives it an id and drops it if it is invalid.
struct ParsedCall {
    std::string name;
    std::string argumentsJson;
};

// A reply split into what the user reads and the calls to make.
struct ParsedReply {
    std::string content;
    std::vector<ParsedCall> toolCalls;
};

struct RefusalVerdict {
    bool isRefusal = false;
    std::string nudge;  // with isRefusal: the user turn sent with the retry
};

enum class LogLevel : std::int32_t {
    Debug = CP_LOG_DEBUG,
    Info = CP_LOG_INFO,
    Warn = CP_LOG_WARN,
    Error = CP_LOG_ERROR
};

// The host's services. Available from the handler's constructor on; any thread.
class Host {
  public:
    explicit Host(const cp_host_api* api = nullptr) : api_(api) {}

    void log(LogLevel level, std::string_view message) const {
        if (api_ != nullptr && api_->log != nullptr) {
            api_->log(api_->host_state, static_cast<std::int32_t>(level),
                      cp_str{message.data(), message.size()});
        }
    }

  private:
    const cp_host_api* api_;
};

// The scan of one streamed reply, made by BaseToolCallHandler::beginStream. The host feeds it
// every piece of that reply in order, from one thread at a time (not always the same one), and
// destroys it when the reply ends, also after a failure. Scanners of different replies run at
// the same time, so they share nothing mutable. A scanner never outlives its handler.
class StreamScanner {
  public:
    virtual ~StreamScanner() = default;

    // `delta`: the next bytes of the reply (valid only during the call; copy what you keep).
    // Returns how many leading bytes of the whole reply so far (every delta fed, concatenated)
    // can go to the client now, by the rule of safeContentLength: never fewer than the last
    // answer, and parseReply(full reply).content begins with them. The wrapper cuts an answer
    // larger than the text to the text. Throw to fail the request.
    virtual std::size_t feed(std::string_view delta) = 0;
};

namespace detail {
// The host of the handler being constructed right now on this thread (set by the registration
// macro's init around `new H()`), so that the base constructor can attach it and a derived
// constructor may already log.
inline const cp_host_api*& constructingHost() {
    thread_local const cp_host_api* host = nullptr;
    return host;
}
}  // namespace detail

class BaseToolCallHandler {
  public:
    BaseToolCallHandler() : host_(detail::constructingHost()) {}
    virtual ~BaseToolCallHandler() = default;

    // Text appended to the system prompt: the offered tools and how to call them. Called only
    // when at least one tool is offered and the choice is not None.
    virtual std::string renderInstructions(const ToolRequest& request) const = 0;

    // An earlier assistant turn with tool calls, written the way the instructions taught the
    // model to call tools (so the model sees its own protocol in the history).
    virtual std::string renderAssistantTurn(std::string_view content,
                                            const std::vector<ToolCall>& calls) const = 0;

    // The result of a tool call (a "tool" message). Default: a tagged block naming the call.
    virtual std::string renderToolResult(std::string_view toolCallId, std::string_view toolName,
                                         std::string_view content) const {
        std::string text = "[result of tool call ";
        text.append(toolCallId).append(" (").append(toolName).append(")]\n");
        text.append(content);
        return text;
    }

    // Splits a complete reply into content and calls. Text that is not a call must stay in
    // content unchanged: ordinary JSON or code in an answer is not a call.
    virtual ParsedReply parseReply(const ToolRequest& request, std::string_view reply) const = 0;

    // Streaming: how many leading bytes of the reply so far can go to the client as content
    // now, because no call can start inside them. Must not shrink as the text grows, and
    // parseReply(full).content must begin with those bytes. Default: 0 (hold the text until
    // the reply is complete; correct for any protocol, but nothing streams).
    virtual std::size_t safeContentLength(const ToolRequest& request,
                                          std::string_view replySoFar) const {
        (void)request;
        (void)replySoFar;
        return 0;
    }

    // Streaming: the scanner of one reply, fed piece by piece. `request` stays valid (and
    // unchanged) until the scanner is destroyed: keep a reference to it. Default: a scanner that
    // keeps the text and returns safeContentLength(request, text so far) for every piece, which
    // costs a rescan per piece. Must not return nullptr.
    virtual std::unique_ptr<StreamScanner> beginStream(const ToolRequest& request) const;

    // Whether a reply without any call is a false refusal, and the nudge for the retry.
    // Default: never.
    virtual RefusalVerdict checkRefusal(const ToolRequest& request, std::string_view reply,
                                        bool lastTurnWasToolResult) const {
        (void)request;
        (void)reply;
        (void)lastTurnWasToolResult;
        return {};
    }

    const Host& host() const { return host_; }

    // Replaces the host (tests that construct a handler by hand may attach one).
    void attachHost(Host host) { host_ = host; }

  private:
    Host host_;
};

// The default StreamScanner: the whole text so far through safeContentLength on every piece.
// Holds references to its handler and request, which outlive it.
class RescanningStreamScanner final : public StreamScanner {
  public:
    RescanningStreamScanner(const BaseToolCallHandler& handler, const ToolRequest& request)
        : handler_(handler), request_(request) {}

    std::size_t feed(std::string_view delta) override {
        text_.append(delta);
        return handler_.safeContentLength(request_, text_);
    }

  private:
    const BaseToolCallHandler& handler_;
    const ToolRequest& request_;
    std::string text_;
};

inline std::unique_ptr<StreamScanner> BaseToolCallHandler::beginStream(
    const ToolRequest& request) const {
    return std::make_unique<RescanningStreamScanner>(*this, request);
}

namespace detail {

inline std::string_view view(cp_str text) {
    return text.size == 0 ? std::string_view() : std::string_view(text.data, text.size);
}

inline cp_str str(std::string_view text) {
    return cp_str{text.data(), text.size()};
}

inline void write(cp_text_sink sink, std::string_view text) {
    if (sink.append != nullptr) {
        sink.append(sink.state, str(text));
    }
}

inline ToolRequest toolRequest(const cp_tool_request* request) {
    ToolRequest out;
    if (request == nullptr) {
        return out;
    }
    out.tools.reserve(request->tool_count);
    for (std::uint64_t i = 0; i < request->tool_count; ++i) {
        const cp_tool& tool = request->tools[i];
        out.tools.push_back({view(tool.name), view(tool.description), view(tool.parameters_json)});
    }
    switch (request->tool_choice) {
        case CP_TOOL_CHOICE_NONE:
            out.choice = ToolChoice::None;
            break;
        case CP_TOOL_CHOICE_REQUIRED:
            out.choice = ToolChoice::Required;
            break;
        case CP_TOOL_CHOICE_NAMED:
            out.choice = ToolChoice::Named;
            break;
        default:
            out.choice = ToolChoice::Auto;
            break;
    }
    out.namedTool = view(request->named_tool);
    out.parallelToolCalls = request->parallel_tool_calls != 0;
    return out;
}

// Runs `body`, turning any exception into CP_STATUS_ERROR with its message in `error`.
template <typename Body>
std::int32_t guarded(cp_text_sink error, Body&& body) noexcept {
    try {
        body();
        return CP_STATUS_OK;
    } catch (const std::exception& failure) {
        try {
            write(error, failure.what());
        } catch (...) {
        }
    } catch (...) {
        try {
            write(error, "unknown exception");
        } catch (...) {
        }
    }
    return CP_STATUS_ERROR;
}

// What stream_begin hands the host as the scan: the request converted once (it views host
// memory that ABI 1.1 keeps valid until stream_end) and the handler's scanner over it.
struct StreamState {
    explicit StreamState(const cp_tool_request* cRequest) : request(toolRequest(cRequest)) {}

    ToolRequest request;  // declared first: destroyed after the scanner that refers to it
    std::unique_ptr<StreamScanner> scanner;
    std::uint64_t fed = 0;  // bytes fed so far
};

// The C hooks for handler class H; instantiated by CLAUDE_PROXY_TOOLCALL_HANDLER.
template <typename H>
struct Hooks {
    static const H& self(void* instance) { return *static_cast<const H*>(instance); }

    static std::int32_t init(const cp_host_api* host, void** instance, cp_text_sink error) {
        struct HostScope {
            explicit HostScope(const cp_host_api* h) { constructingHost() = h; }
            ~HostScope() { constructingHost() = nullptr; }
        };
        return guarded(error, [&] {
            const HostScope scope(host);
            *instance = new H();
        });
    }

    static void shutdown(void* instance) { delete static_cast<H*>(instance); }

    static std::int32_t renderInstructions(void* instance, const cp_tool_request* request,
                                           cp_text_sink out, cp_text_sink error) {
        return guarded(
            error, [&] { write(out, self(instance).renderInstructions(toolRequest(request))); });
    }

    static std::int32_t renderAssistantTurn(void* instance, cp_str content,
                                            const cp_tool_call* calls, std::uint64_t count,
                                            cp_text_sink out, cp_text_sink error) {
        return guarded(error, [&] {
            std::vector<ToolCall> list;
            list.reserve(count);
            for (std::uint64_t i = 0; i < count; ++i) {
                list.push_back(
                    {view(calls[i].id), view(calls[i].name), view(calls[i].arguments_json)});
            }
            write(out, self(instance).renderAssistantTurn(view(content), list));
        });
    }

    static std::int32_t renderToolResult(void* instance, cp_str id, cp_str name, cp_str content,
                                         cp_text_sink out, cp_text_sink error) {
        return guarded(error, [&] {
            write(out, self(instance).renderToolResult(view(id), view(name), view(content)));
        });
    }

    static std::int32_t parseReply(void* instance, const cp_tool_request* request, cp_str reply,
                                   cp_reply_sink out, cp_text_sink error) {
        return guarded(error, [&] {
            const ParsedReply parsed = self(instance).parseReply(toolRequest(request), view(reply));
            if (out.append_content != nullptr) {
                out.append_content(out.state, str(parsed.content));
            }
            for (const auto& call : parsed.toolCalls) {
                if (out.add_tool_call != nullptr) {
                    out.add_tool_call(out.state, str(call.name), str(call.argumentsJson));
                }
            }
        });
    }

    static std::int32_t safeContentLength(void* instance, const cp_tool_request* request,
                                          cp_str soFar, std::uint64_t* length, cp_text_sink error) {
        return guarded(error, [&] {
            const auto text = view(soFar);
            const std::size_t safe = self(instance).safeContentLength(toolRequest(request), text);
            *length = safe < text.size() ? safe : text.size();
        });
    }

    static std::int32_t checkRefusal(void* instance, const cp_tool_request* request, cp_str reply,
                                     std::int32_t lastWasToolResult, std::int32_t* isRefusal,
                                     cp_text_sink nudge, cp_text_sink error) {
        return guarded(error, [&] {
            const RefusalVerdict verdict = self(instance).checkRefusal(
                toolRequest(request), view(reply), lastWasToolResult != 0);
            *isRefusal = verdict.isRefusal ? 1 : 0;
            if (verdict.isRefusal) {
                write(nudge, verdict.nudge);
            }
        });
    }

    static std::int32_t streamBegin(void* instance, const cp_tool_request* request, void** scan,
                                    cp_text_sink error) {
        return guarded(error, [&] {
            auto state = std::make_unique<StreamState>(request);
            state->scanner = self(instance).beginStream(state->request);
            if (!state->scanner) {
                throw std::logic_error("beginStream returned no scanner");
            }
            *scan = state.release();
        });
    }

    static std::int32_t streamFeed(void* instance, void* scan, cp_str delta,
                                   std::uint64_t* safeLength, cp_text_sink error) {
        (void)instance;
        return guarded(error, [&] {
            auto& state = *static_cast<StreamState*>(scan);
            const std::string_view text = view(delta);
            state.fed += text.size();
            const std::uint64_t safe = state.scanner->feed(text);
            *safeLength = safe < state.fed ? safe : state.fed;
        });
    }

    static void streamEnd(void* instance, void* scan) {
        (void)instance;
        delete static_cast<StreamState*>(scan);
    }

    static constexpr cp_toolcall_hooks table = {
        sizeof(cp_toolcall_hooks),
        &init,
        &shutdown,
        &renderInstructions,
        &renderAssistantTurn,
        &renderToolResult,
        &parseReply,
        &safeContentLength,
        &checkRefusal,
        &streamBegin,
        &streamFeed,
        &streamEnd,
    };
};

}  // namespace detail
}  // namespace claude_proxy::sdk

#if defined(__GNUC__)
#define CLAUDE_PROXY_TOOLCALL_EXPORT __attribute__((visibility("default")))
#else
#define CLAUDE_PROXY_TOOLCALL_EXPORT
#endif

// Registers handler class `HandlerClass` (default-constructible, derived from
// BaseToolCallHandler) under `NAME` ([a-z0-9_-]{1,64}) with a version and a description.
// Use once per plugin, at namespace scope in one source file.
#define CLAUDE_PROXY_TOOLCALL_HANDLER(HandlerClass, NAME, VERSION, DESCRIPTION) \
    extern "C" CLAUDE_PROXY_TOOLCALL_EXPORT const cp_toolcall_module*           \
    claude_proxy_toolcall_module_v1(void) {                                     \
        static const cp_toolcall_module descriptor = {                          \
            sizeof(cp_toolcall_module),                                         \
            CP_TOOLCALL_ABI_MAJOR,                                              \
            CP_TOOLCALL_ABI_MINOR,                                              \
            {NAME, sizeof(NAME) - 1},                                           \
            {VERSION, sizeof(VERSION) - 1},                                     \
            {DESCRIPTION, sizeof(DESCRIPTION) - 1},                             \
            &::claude_proxy::sdk::detail::Hooks<HandlerClass>::table,           \
        };                                                                      \
        return &descriptor;                                                     \
    }
