/*
 * claude-proxy tool-call handler ABI, version 1.
 *
 * The only binary contract between the claude-proxy host and a tool-call handler plugin
 * (a shared object). Plain C so that any compiler, standard library or language can build a
 * plugin: only fixed-width integers, {pointer, length} UTF-8 strings, opaque handles and
 * function pointers cross it. No exception, C++ standard-library type, JSON library object or
 * logger object ever crosses.
 *
 * Most authors do not use this header directly: <claude_proxy/toolcall_handler.hpp> wraps it
 * in the C++ class BaseToolCallHandler and the CLAUDE_PROXY_TOOLCALL_HANDLER() macro.
 *
 * Loading. The host dlopen()s each plugin with RTLD_NOW | RTLD_LOCAL on its main thread at
 * start-up and calls the one exported entry symbol, CP_TOOLCALL_ENTRY_SYMBOL, which returns a
 * pointer to a static cp_toolcall_module descriptor. The host refuses a module whose
 * abi_major differs from its own, whose abi_minor is newer than its own, whose struct_size is
 * too small for the fields of its abi_minor, whose name is empty or already taken, or whose
 * init hook fails. A refused module is unloaded and never called again.
 *
 * Versioning. abi_major changes only when an existing field or hook changes meaning or place;
 * hosts refuse other majors. abi_minor grows when fields or hooks are appended at the end of a
 * struct; a host accepts any module with a minor up to its own, and reads a struct only up to
 * the struct_size the module declared (older modules keep loading as structs grow).
 *
 * Threading. init and shutdown are called once each, on the host's main thread. Every other
 * hook may be called from many request threads at the same time, on the same instance:
 * handlers must be safe for concurrent calls (typically: keep no mutable state per request;
 * the state of one streamed reply lives in its own scan object, see stream_begin).
 *
 * Lifetimes. Every cp_str and array the host passes in is valid only until the hook returns;
 * copy what you keep. (One exception, from ABI 1.1: the request given to stream_begin stays
 * valid until stream_end of that scan returns.) Strings a module puts into its descriptor
 * (name, version, description) must stay valid while the module is loaded. Output is never
 * returned as memory the other side must free: hooks write it through host-provided sinks,
 * which copy it at once. A stream scan object is made and freed by the module alone.
 *
 * History. 1.0: the first ABI. 1.1: the optional stream_begin / stream_feed / stream_end hooks
 * at the end of cp_toolcall_hooks (a resumable scan of a streamed reply).
 */
#ifndef CLAUDE_PROXY_TOOLCALL_ABI_H
#define CLAUDE_PROXY_TOOLCALL_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CP_TOOLCALL_ABI_MAJOR 1u
#define CP_TOOLCALL_ABI_MINOR 1u

/* The exported entry point: const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) */
#define CP_TOOLCALL_ENTRY_SYMBOL "claude_proxy_toolcall_module_v1"

/* Results of hooks. */
#define CP_STATUS_OK 0
#define CP_STATUS_ERROR 1 /* the hook failed; it should have written why to its error sink */

/* A UTF-8 string that is not NUL-terminated. data may be NULL when size is 0. */
typedef struct cp_str {
    const char* data;
    uint64_t size;
} cp_str;

/* Receives text from a hook; each call appends. `state` belongs to the host. */
typedef struct cp_text_sink {
    void* state;
    void (*append)(void* state, cp_str text);
} cp_text_sink;

/* Log levels for cp_host_api.log. */
#define CP_LOG_DEBUG 0
#define CP_LOG_INFO 1
#define CP_LOG_WARN 2
#define CP_LOG_ERROR 3

/* What the host offers a module. Valid from init until shutdown returns. */
typedef struct cp_host_api {
    uint32_t struct_size;
    uint32_t abi_major;
    uint32_t abi_minor;
    void* host_state;
    /* Writes one line to the host's log, tagged with the module's name. Any thread. */
    void (*log)(void* host_state, int32_t level, cp_str message);
} cp_host_api;

/* tool_choice of an OpenAI request. */
#define CP_TOOL_CHOICE_AUTO 0
#define CP_TOOL_CHOICE_NONE 1
#define CP_TOOL_CHOICE_REQUIRED 2
#define CP_TOOL_CHOICE_NAMED 3 /* the model must call cp_tool_request.named_tool */

/* One offered function tool. parameters_json is its JSON Schema as JSON text ("{}" if none). */
typedef struct cp_tool {
    cp_str name;
    cp_str description;
    cp_str parameters_json;
} cp_tool;

/* The tool side of a request: what was offered and how the model may use it. */
typedef struct cp_tool_request {
    uint32_t struct_size;
    const cp_tool* tools;
    uint64_t tool_count;
    int32_t tool_choice;         /* CP_TOOL_CHOICE_* */
    cp_str named_tool;           /* with CP_TOOL_CHOICE_NAMED */
    int32_t parallel_tool_calls; /* 1: several calls in one turn are allowed */
} cp_tool_request;

/* One tool call. arguments_json is a JSON object as text. */
typedef struct cp_tool_call {
    cp_str id;
    cp_str name;
    cp_str arguments_json;
} cp_tool_call;

/* Receives a parsed reply: the text meant for the user and the calls found, in order. */
typedef struct cp_reply_sink {
    void* state;
    void (*append_content)(void* state, cp_str text);
    void (*add_tool_call)(void* state, cp_str name, cp_str arguments_json);
} cp_reply_sink;

/* The hooks of a handler. `instance` is what init returned. */
typedef struct cp_toolcall_hooks {
    uint32_t struct_size;

    /* Once, on load. Writes the handler instance to *instance (may be NULL when the module
       keeps no state). On failure returns CP_STATUS_ERROR and writes why to `error`. */
    int32_t (*init)(const cp_host_api* host, void** instance, cp_text_sink error);

    /* Once, before unload. May be NULL. */
    void (*shutdown)(void* instance);

    /* Text appended to the system prompt that teaches the model the offered tools and the
       reply protocol. Called only when at least one tool is offered and tool_choice is not
       NONE. */
    int32_t (*render_instructions)(void* instance, const cp_tool_request* request, cp_text_sink out,
                                   cp_text_sink error);

    /* The transcript text of an earlier assistant turn that called tools (`content` may be
       empty), in the protocol the instructions taught. */
    int32_t (*render_assistant_turn)(void* instance, cp_str content, const cp_tool_call* calls,
                                     uint64_t call_count, cp_text_sink out, cp_text_sink error);

    /* The transcript text of a tool result (role "tool" message). */
    int32_t (*render_tool_result)(void* instance, cp_str tool_call_id, cp_str tool_name,
                                  cp_str content, cp_text_sink out, cp_text_sink error);

    /* Splits the model's complete reply into content and tool calls. The host checks every
       call afterwards (offered name, arguments a JSON object) and drops the ones that fail. */
    int32_t (*parse_reply)(void* instance, const cp_tool_request* request, cp_str reply,
                           cp_reply_sink out, cp_text_sink error);

    /* Streaming: of the reply text so far, how many leading bytes can be sent to the client as
       content now, because no tool call can start inside them. Must not shrink between calls
       for a growing text; the host sends only what it has not sent yet. A host of ABI 1.1 calls
       it only for modules without the stream hooks below, once per delta with the whole text
       so far (so that the module rescans it every time). */
    int32_t (*safe_content_length)(void* instance, const cp_tool_request* request,
                                   cp_str reply_so_far, uint64_t* length, cp_text_sink error);

    /* Whether a reply with no tool call is a false refusal (the model said it cannot use
       tools, or answered without doing what the request asked). Called only when tools were
       offered, tool_choice is not NONE and the reply has no call. last_turn_was_tool_result
       is 1 when the conversation ends with tool results (then a plain answer is normal).
       Writes 1 or 0 to *is_refusal, and on 1 the corrective nudge, a user turn sent with a
       retry, to `nudge`. */
    int32_t (*check_refusal)(void* instance, const cp_tool_request* request, cp_str reply,
                             int32_t last_turn_was_tool_result, int32_t* is_refusal,
                             cp_text_sink nudge, cp_text_sink error);

    /* ---- ABI 1.1 ----------------------------------------------------------------------------
       A resumable scan of one streamed reply: the same answer as safe_content_length, but the
       module sees each piece of the reply once and keeps what it needs between pieces, so a
       reply costs time in proportion to its length instead of its square. Optional: set all
       three or none (the host refuses a table with only some of them). A module without them,
       or built for ABI 1.0, is asked safe_content_length on the whole text instead.

       Sequence, per streamed reply (a retry of the request is a new reply, with a new scan):
       one stream_begin; if it succeeded, any number of stream_feed with the reply's pieces in
       order; then exactly one stream_end, also when a stream_feed failed (the host then feeds
       no more) or the request ended early. Every stream_end comes before shutdown.

       Threading: one scan is used by one thread at a time, but not always the same thread;
       different scans of the same instance run concurrently with each other and with the other
       hooks. Keep per-reply state in the scan object, never in the instance.

       Ownership: the scan object is the module's: stream_begin makes it and writes it to *scan
       (NULL is allowed when the module needs no state), stream_end frees it. The host only
       passes the pointer back. */

    /* Starts the scan of one reply. `request` and everything it points to stay valid and
       unchanged until stream_end of this scan returns (keep pointers into it; no copy needed).
       On failure returns CP_STATUS_ERROR with a reason in `error`; the host then calls neither
       stream_feed nor stream_end for it, and ignores *scan. */
    int32_t (*stream_begin)(void* instance, const cp_tool_request* request, void** scan,
                            cp_text_sink error);

    /* The next piece of the reply (valid only until the hook returns: copy what you keep; may
       be empty). On entry *safe_length holds the previous answer for this scan (0 at first),
       so a module that leaves it alone repeats itself. Writes how many leading bytes of the
       whole reply so far (every piece fed, concatenated) can go to the client now: never fewer
       than before, never more than the bytes fed; parse_reply(full reply).content must begin
       with them. The host holds a shrinking answer at the previous one and cuts an oversized
       answer to the text, and never sends part of a UTF-8 sequence. */
    int32_t (*stream_feed)(void* instance, void* scan, cp_str delta, uint64_t* safe_length,
                           cp_text_sink error);

    /* Ends the scan and frees what stream_begin made. Cannot fail. */
    void (*stream_end)(void* instance, void* scan);
} cp_toolcall_hooks;

/* The descriptor the entry point returns. Static storage in the module. */
typedef struct cp_toolcall_module {
    uint32_t struct_size; /* sizeof(cp_toolcall_module) as the module was built */
    uint32_t abi_major;   /* CP_TOOLCALL_ABI_MAJOR the module was built with */
    uint32_t abi_minor;   /* CP_TOOLCALL_ABI_MINOR the module was built with */
    cp_str name;          /* selected by the X-Toolcall-Module header; [a-z0-9_-]{1,64} */
    cp_str version;       /* the handler's own version, e.g. "1.2.0" */
    cp_str description;
    const cp_toolcall_hooks* hooks;
} cp_toolcall_module;

typedef const cp_toolcall_module* (*cp_toolcall_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CLAUDE_PROXY_TOOLCALL_ABI_H */
