/* A complete handler in plain C99 against the C ABI (1.1, stream hooks included): the header
   must not need C++. It teaches no protocol (every reply is content); it exists to prove that
   such a module loads and works. */
#include <claude_proxy/toolcall_abi.h>

#include <stddef.h>

#if defined(__GNUC__)
#define C_MINIMAL_EXPORT __attribute__((visibility("default")))
#else
#define C_MINIMAL_EXPORT
#endif

static cp_str text(const char* data, size_t size) {
    cp_str out;
    out.data = data;
    out.size = size;
    return out;
}

static int32_t init(const cp_host_api* host, void** instance, cp_text_sink error) {
    (void)error;
    if (host->log != NULL) {
        host->log(host->host_state, CP_LOG_DEBUG, text("hello from C", 12));
    }
    *instance = NULL;
    return CP_STATUS_OK;
}

static int32_t render_instructions(void* instance, const cp_tool_request* request, cp_text_sink out,
                                   cp_text_sink error) {
    uint64_t i;
    (void)instance;
    (void)error;
    out.append(out.state, text("tools:", 6));
    for (i = 0; i < request->tool_count; ++i) {
        out.append(out.state, text(" ", 1));
        out.append(out.state, request->tools[i].name);
    }
    return CP_STATUS_OK;
}

static int32_t render_assistant_turn(void* instance, cp_str content, const cp_tool_call* calls,
                                     uint64_t call_count, cp_text_sink out, cp_text_sink error) {
    (void)instance;
    (void)calls;
    (void)call_count;
    (void)error;
    out.append(out.state, content);
    return CP_STATUS_OK;
}

static int32_t render_tool_result(void* instance, cp_str tool_call_id, cp_str tool_name,
                                  cp_str content, cp_text_sink out, cp_text_sink error) {
    (void)instance;
    (void)tool_call_id;
    (void)tool_name;
    (void)error;
    out.append(out.state, content);
    return CP_STATUS_OK;
}

static int32_t parse_reply(void* instance, const cp_tool_request* request, cp_str reply,
                           cp_reply_sink out, cp_text_sink error) {
    (void)instance;
    (void)request;
    (void)error;
    out.append_content(out.state, reply);
    return CP_STATUS_OK;
}

static int32_t safe_content_length(void* instance, const cp_tool_request* request,
                                   cp_str reply_so_far, uint64_t* length, cp_text_sink error) {
    (void)instance;
    (void)request;
    (void)error;
    *length = reply_so_far.size;
    return CP_STATUS_OK;
}

static int32_t check_refusal(void* instance, const cp_tool_request* request, cp_str reply,
                             int32_t last_turn_was_tool_result, int32_t* is_refusal,
                             cp_text_sink nudge, cp_text_sink error) {
    (void)instance;
    (void)request;
    (void)reply;
    (void)last_turn_was_tool_result;
    (void)nudge;
    (void)error;
    *is_refusal = 0;
    return CP_STATUS_OK;
}

/* ABI 1.1 streaming: every reply is content, so the scan needs no state: the host passes the
   previous answer in *safe_length, and this delta is safe too. */
static int32_t stream_begin(void* instance, const cp_tool_request* request, void** scan,
                            cp_text_sink error) {
    (void)instance;
    (void)request;
    (void)error;
    *scan = NULL;
    return CP_STATUS_OK;
}

static int32_t stream_feed(void* instance, void* scan, cp_str delta, uint64_t* safe_length,
                           cp_text_sink error) {
    (void)instance;
    (void)scan;
    (void)error;
    *safe_length += delta.size;
    return CP_STATUS_OK;
}

static void stream_end(void* instance, void* scan) {
    (void)instance;
    (void)scan;
}

static const cp_toolcall_hooks hooks = {
    sizeof(cp_toolcall_hooks),
    init,
    NULL /* no shutdown */,
    render_instructions,
    render_assistant_turn,
    render_tool_result,
    parse_reply,
    safe_content_length,
    check_refusal,
    stream_begin,
    stream_feed,
    stream_end,
};

static const cp_toolcall_module descriptor = {
    sizeof(cp_toolcall_module),
    CP_TOOLCALL_ABI_MAJOR,
    CP_TOOLCALL_ABI_MINOR,
    {"c-minimal", 9},
    {"1.0.0", 5},
    {"a plain C handler", 17},
    &hooks,
};

C_MINIMAL_EXPORT const cp_toolcall_module* claude_proxy_toolcall_module_v1(void);

const cp_toolcall_module* claude_proxy_toolcall_module_v1(void) {
    return &descriptor;
}
