#include "toolcall/descriptor_check.hpp"

#include <doctest/doctest.h>

#include <string>

namespace {

using claude_proxy::toolcall::checkDescriptor;
using claude_proxy::toolcall::copyHooks;
using claude_proxy::toolcall::isValidHandlerName;
using claude_proxy::toolcall::kHooksSizeV1_0;
using claude_proxy::toolcall::kHooksSizeV1_1;
using claude_proxy::toolcall::kModuleSizeV1_0;
using claude_proxy::toolcall::requiredHooksSize;
using claude_proxy::toolcall::requiredModuleSize;

int32_t initStub(const cp_host_api*, void**, cp_text_sink) {
    return CP_STATUS_OK;
}
int32_t instructionsStub(void*, const cp_tool_request*, cp_text_sink, cp_text_sink) {
    return CP_STATUS_OK;
}
int32_t assistantStub(void*, cp_str, const cp_tool_call*, uint64_t, cp_text_sink, cp_text_sink) {
    return CP_STATUS_OK;
}
int32_t resultStub(void*, cp_str, cp_str, cp_str, cp_text_sink, cp_text_sink) {
    return CP_STATUS_OK;
}
int32_t parseStub(void*, const cp_tool_request*, cp_str, cp_reply_sink, cp_text_sink) {
    return CP_STATUS_OK;
}
int32_t safeStub(void*, const cp_tool_request*, cp_str, uint64_t*, cp_text_sink) {
    return CP_STATUS_OK;
}
int32_t refusalStub(void*, const cp_tool_request*, cp_str, int32_t, int32_t*, cp_text_sink,
                    cp_text_sink) {
    return CP_STATUS_OK;
}
int32_t beginStub(void*, const cp_tool_request*, void**, cp_text_sink) {
    return CP_STATUS_OK;
}
int32_t feedStub(void*, void*, cp_str, uint64_t*, cp_text_sink) {
    return CP_STATUS_OK;
}
void endStub(void*, void*) {}

// Every hook of ABI 1.1 set but shutdown.
cp_toolcall_hooks fullHooks() {
    return cp_toolcall_hooks{sizeof(cp_toolcall_hooks),
                             &initStub,
                             nullptr,
                             &instructionsStub,
                             &assistantStub,
                             &resultStub,
                             &parseStub,
                             &safeStub,
                             &refusalStub,
                             &beginStub,
                             &feedStub,
                             &endStub};
}

cp_toolcall_module moduleOver(const cp_toolcall_hooks* hooks) {
    return cp_toolcall_module{sizeof(cp_toolcall_module),
                              CP_TOOLCALL_ABI_MAJOR,
                              CP_TOOLCALL_ABI_MINOR,
                              {"generic", 7},
                              {"1.0.0", 5},
                              {"", 0},
                              hooks};
}

std::string reasonFor(const cp_toolcall_module& module) {
    return checkDescriptor(module).value_or("(accepted)");
}

}  // namespace

TEST_CASE("the ABI 1.1 sizes are the sizes of the structs this host was built with") {
    CHECK(kModuleSizeV1_0 == sizeof(cp_toolcall_module));  // 1.1 left the descriptor alone
    CHECK(kHooksSizeV1_1 == sizeof(cp_toolcall_hooks));
    // 1.1 appended exactly three function pointers to the 1.0 table.
    CHECK(kHooksSizeV1_1 == kHooksSizeV1_0 + 3 * sizeof(void (*)()));
    CHECK(requiredHooksSize(0) == kHooksSizeV1_0);
    CHECK(requiredHooksSize(1) == kHooksSizeV1_1);
    CHECK(requiredModuleSize(0) == kModuleSizeV1_0);
    CHECK(requiredModuleSize(1) == kModuleSizeV1_0);
}

TEST_CASE("a well-formed ABI 1.1 descriptor is accepted, with shutdown NULL") {
    const cp_toolcall_hooks hooks = fullHooks();
    CHECK(reasonFor(moduleOver(&hooks)) == "(accepted)");
}

TEST_CASE("the stream hooks are optional, but only all together") {
    cp_toolcall_hooks hooks = fullHooks();
    const cp_toolcall_module module = moduleOver(&hooks);
    SUBCASE("all three NULL: the module streams through safe_content_length") {
        hooks.stream_begin = nullptr;
        hooks.stream_feed = nullptr;
        hooks.stream_end = nullptr;
        CHECK(reasonFor(module) == "(accepted)");
    }
    SUBCASE("one missing") {
        hooks.stream_end = nullptr;
        CHECK(reasonFor(module) == "stream hooks must be all set or all NULL; NULL: stream_end");
    }
    SUBCASE("two missing") {
        hooks.stream_begin = nullptr;
        hooks.stream_feed = nullptr;
        CHECK(reasonFor(module) ==
              "stream hooks must be all set or all NULL; NULL: stream_begin, stream_feed");
    }
    SUBCASE("required hooks are reported first") {
        hooks.parse_reply = nullptr;
        hooks.stream_feed = nullptr;
        CHECK(reasonFor(module) == "required hooks are NULL: parse_reply");
    }
}

TEST_CASE("an ABI 1.0 module with the 1.0 table size is accepted, and its tail is never read") {
    cp_toolcall_hooks hooks = fullHooks();
    hooks.struct_size = static_cast<uint32_t>(kHooksSizeV1_0);
    cp_toolcall_module module = moduleOver(&hooks);
    module.abi_minor = 0;
    CHECK(reasonFor(module) == "(accepted)");
    // What lies after a 1.0 table is not the module's: even a table that claims to be larger
    // gives a 1.0 module no stream hooks.
    hooks.struct_size = static_cast<uint32_t>(sizeof(cp_toolcall_hooks));
    const cp_toolcall_hooks copied = copyHooks(module);
    CHECK((copied.check_refusal == &refusalStub));
    CHECK((copied.stream_begin == nullptr));
    CHECK((copied.stream_feed == nullptr));
    CHECK((copied.stream_end == nullptr));
    CHECK(reasonFor(module) == "(accepted)");  // partial or not, they are not looked at
}

TEST_CASE("an ABI 1.1 module gets its stream hooks") {
    const cp_toolcall_hooks hooks = fullHooks();
    const cp_toolcall_hooks copied = copyHooks(moduleOver(&hooks));
    CHECK((copied.stream_begin == &beginStub));
    CHECK((copied.stream_feed == &feedStub));
    CHECK((copied.stream_end == &endStub));
}

TEST_CASE("each handshake rule refuses with its own reason") {
    cp_toolcall_hooks hooks = fullHooks();
    cp_toolcall_module module = moduleOver(&hooks);
    const std::string size = std::to_string(sizeof(cp_toolcall_module));
    const std::string hooksSize = std::to_string(sizeof(cp_toolcall_hooks));

    SUBCASE("another major, older or newer") {
        module.abi_major = 2;
        CHECK(reasonFor(module) == "ABI major 2, this host speaks 1");
        module.abi_major = 0;
        CHECK(reasonFor(module) == "ABI major 0, this host speaks 1");
    }
    SUBCASE("a newer minor") {
        module.abi_minor = 5;
        CHECK(reasonFor(module) == "built for ABI 1.5, newer than this host's 1.1");
        module.abi_minor = 2;
        CHECK(reasonFor(module) == "built for ABI 1.2, newer than this host's 1.1");
    }
    SUBCASE("the major is checked before the size: a 2.x descriptor may be laid out otherwise") {
        module.abi_major = 2;
        module.struct_size = 4;
        CHECK(reasonFor(module) == "ABI major 2, this host speaks 1");
    }
    SUBCASE("a descriptor smaller than ABI 1.0's") {
        module.struct_size = 12;
        CHECK(reasonFor(module) == "descriptor size 12 is smaller than " + size + " (ABI 1.1)");
        module.abi_minor = 0;
        CHECK(reasonFor(module) == "descriptor size 12 is smaller than " + size + " (ABI 1.0)");
    }
    SUBCASE("a larger descriptor (a future layout with the same minor) is fine") {
        module.struct_size = static_cast<uint32_t>(sizeof(cp_toolcall_module) + 16);
        CHECK(reasonFor(module) == "(accepted)");
    }
    SUBCASE("a string field with a NULL pointer and a size") {
        module.version = cp_str{nullptr, 5};
        CHECK(reasonFor(module) == "descriptor field version is NULL with size 5");
    }
    SUBCASE("a bad name, shown on one line") {
        module.name = cp_str{"Bad Name", 8};
        CHECK(reasonFor(module) == "name 'Bad Name' is not [a-z0-9_-]{1,64}");
        module.name = cp_str{"two\nlines", 9};
        CHECK(reasonFor(module) == "name 'two lines' is not [a-z0-9_-]{1,64}");
        module.name = cp_str{nullptr, 0};
        CHECK(reasonFor(module) == "name '' is not [a-z0-9_-]{1,64}");
    }
    SUBCASE("no hooks table") {
        module.hooks = nullptr;
        CHECK(reasonFor(module) == "descriptor has no hooks table");
    }
    SUBCASE("a hooks table smaller than its ABI's") {
        hooks.struct_size = 8;
        CHECK(reasonFor(module) ==
              "hooks table size 8 is smaller than " + hooksSize + " (ABI 1.1)");
        module.abi_minor = 0;
        CHECK(reasonFor(module) == "hooks table size 8 is smaller than " +
                                       std::to_string(kHooksSizeV1_0) + " (ABI 1.0)");
    }
    SUBCASE("a module that says 1.1 with a 1.0 table") {
        hooks.struct_size = static_cast<uint32_t>(kHooksSizeV1_0);
        CHECK(reasonFor(module) == "hooks table size " + std::to_string(kHooksSizeV1_0) +
                                       " is smaller than " + hooksSize + " (ABI 1.1)");
    }
    SUBCASE("required hooks left NULL are all named") {
        hooks.init = nullptr;
        hooks.parse_reply = nullptr;
        hooks.check_refusal = nullptr;
        CHECK(reasonFor(module) == "required hooks are NULL: init, parse_reply, check_refusal");
    }
}

TEST_CASE("handler names are [a-z0-9_-]{1,64}, nothing else") {
    CHECK(isValidHandlerName("generic"));
    CHECK(isValidHandlerName("a"));
    CHECK(isValidHandlerName("my_handler-2"));
    CHECK(isValidHandlerName(std::string(64, 'x')));
    CHECK_FALSE(isValidHandlerName(""));
    CHECK_FALSE(isValidHandlerName(std::string(65, 'x')));
    CHECK_FALSE(isValidHandlerName("Generic"));
    CHECK_FALSE(isValidHandlerName("a b"));
    CHECK_FALSE(isValidHandlerName("a.b"));
    CHECK_FALSE(isValidHandlerName("a/b"));
    CHECK_FALSE(isValidHandlerName("caf\xC3\xA9"));
    CHECK_FALSE(isValidHandlerName(std::string("a\0b", 3)));
}

TEST_CASE("copyHooks reads only the declared size and zero-fills the rest") {
    cp_toolcall_hooks hooks = fullHooks();
    hooks.shutdown = [](void*) {};
    // As if a module declared a table that ends before check_refusal.
    hooks.struct_size = static_cast<uint32_t>(offsetof(cp_toolcall_hooks, check_refusal));
    const cp_toolcall_module module = moduleOver(&hooks);
    const cp_toolcall_hooks copied = copyHooks(module);
    CHECK(copied.struct_size == sizeof(cp_toolcall_hooks));
    CHECK((copied.shutdown == hooks.shutdown));
    CHECK((copied.safe_content_length == hooks.safe_content_length));
    CHECK((copied.check_refusal == nullptr));
}
