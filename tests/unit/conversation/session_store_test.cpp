#include "conversation/session_store.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>

using namespace claude_proxy::conversation;
namespace fs = std::filesystem;

namespace {

Digest digestOf(char fill) {
    return Digest(32, fill);
}

const std::string kSession = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const std::string kTranscript =
    "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"hi\"}}\n"
    "{\"type\":\"assistant\",\"message\":{\"role\":\"assistant\",\"content\":[]}}\n";

// A fresh directory removed with everything in it.
struct TempDir {
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "session-store-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
        return path / name;
    }
    fs::path path;
};

}  // namespace

TEST_CASE("storedFileName and parseStoredFileName round-trip, anything else is not ours") {
    const auto digest = digestOf('\xab');
    const auto name = storedFileName(digest, kSession);
    CHECK(name == std::string(64, 'a').replace(1, 1, "b").substr(0, 0) +
                      [&] {
                          std::string hex;
                          for (int i = 0; i < 32; ++i) {
                              hex += "ab";
                          }
                          return hex;
                      }() +
                      "." + kSession + ".jsonl");
    const auto parsed = parseStoredFileName(name);
    REQUIRE(parsed);
    CHECK(parsed->first == digest);
    CHECK(parsed->second == kSession);

    CHECK_FALSE(parseStoredFileName(name + ".tmp"));
    CHECK_FALSE(parseStoredFileName(name.substr(2)));                     // short digest
    CHECK_FALSE(parseStoredFileName("zz" + name.substr(2)));              // not hex
    CHECK_FALSE(parseStoredFileName(std::string(64, 'a') + ".x.jsonl"));  // not a session id
    CHECK_FALSE(parseStoredFileName(""));
    CHECK_FALSE(parseStoredFileName("../" + name));
}

TEST_CASE("isSessionId takes the 8-4-4-4-12 hex form only, newSessionId makes such ids") {
    CHECK(isSessionId(kSession));
    CHECK(isSessionId("0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"));
    CHECK_FALSE(isSessionId(""));
    CHECK_FALSE(isSessionId("0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d"));
    CHECK_FALSE(isSessionId("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4"));
    CHECK_FALSE(isSessionId("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4dd"));
    CHECK_FALSE(isSessionId("--resume-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
    CHECK_FALSE(isSessionId("0a1b2c3g-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const auto id = newSessionId();
        CHECK(isSessionId(id));
        CHECK(id[14] == '4');                                          // version 4
        CHECK(std::string("89ab").find(id[19]) != std::string::npos);  // RFC 4122 variant
        seen.insert(id);
    }
    CHECK(seen.size() == 100);
}

TEST_CASE("projectFolderName: every character but ASCII letters and digits becomes '-'") {
    CHECK(projectFolderName("/tmp/rs/cwd") == "-tmp-rs-cwd");
    CHECK(projectFolderName("/home/a.b/state_dir/x y") == "-home-a-b-state-dir-x-y");
    CHECK(projectFolderName("/srv/caf\xc3\xa9") == "-srv-caf--");
    CHECK(projectFolderName("") == "");
}

TEST_CASE("looksLikeTranscript: whole JSON-object lines with an assistant message") {
    CHECK(looksLikeTranscript(kTranscript));
    CHECK(looksLikeTranscript("\n" + kTranscript + "\n"));
    CHECK_FALSE(looksLikeTranscript(""));
    CHECK_FALSE(looksLikeTranscript(kTranscript.substr(0, kTranscript.size() - 1)));  // no '\n'
    CHECK_FALSE(looksLikeTranscript(kTranscript.substr(0, kTranscript.size() - 5) + "\n"));
    CHECK_FALSE(looksLikeTranscript(kTranscript.substr(0, kTranscript.find('\n') + 1)));
    CHECK_FALSE(looksLikeTranscript("not json\n" + kTranscript));
    CHECK_FALSE(looksLikeTranscript("{\"cut short"));
}

TEST_CASE("overLimits: expired first, then the oldest until count and bytes fit") {
    const auto now = WallClock::now();
    const auto ago = [&](int hours) { return now - std::chrono::hours(hours); };
    StoreLimits limits;
    limits.maxSessions = 2;
    limits.maxBytes = 100;
    limits.maxAge = std::chrono::hours(10);
    std::vector<StoredSession> entries = {
        {digestOf('c'), kSession, 10, ago(3)},
        {digestOf('a'), kSession, 10, ago(5)},
        {digestOf('b'), kSession, 10, ago(4)},
    };
    CHECK(overLimits(entries, limits, now) == std::vector<Digest>{digestOf('a')});
    limits.maxSessions = 3;
    CHECK(overLimits(entries, limits, now).empty());
    limits.maxBytes = 15;
    CHECK(overLimits(entries, limits, now) == std::vector<Digest>{digestOf('a'), digestOf('b')});
    limits.maxBytes = 100;
    entries.push_back({digestOf('z'), kSession, 1, ago(11)});
    CHECK(overLimits(entries, limits, now) == std::vector<Digest>{digestOf('z')});
    CHECK(overLimits({}, limits, now).empty());
}

TEST_CASE("SessionStore: save, find the longest prefix, replace a session's older turn") {
    TempDir dir;
    const auto source = dir.write("cli.jsonl", kTranscript);
    SessionStore store(dir.path / "sessions", StoreLimits{});
    struct stat info {};
    REQUIRE(::stat((dir.path / "sessions").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0700);

    const std::vector<Digest> prefixes = {digestOf('h'), digestOf('1'), digestOf('2'),
                                          digestOf('3')};
    CHECK_FALSE(store.find(prefixes));
    REQUIRE(store.save(digestOf('1'), kSession, source));
    auto found = store.find(prefixes);
    REQUIRE(found);
    CHECK(found->prefixLength == 1);
    CHECK(found->sessionId == kSession);
    CHECK(store.intact(*found));
    // The same session one turn on: the older copy goes.
    REQUIRE(store.save(digestOf('2'), kSession, source));
    CHECK(store.size() == 1);
    CHECK(store.bytes() == kTranscript.size());
    found = store.find(prefixes);
    REQUIRE(found);
    CHECK(found->prefixLength == 2);
    // The last prefix is the whole request: never "continued" (nothing new to send).
    CHECK_FALSE(store.find({digestOf('h'), digestOf('2')}));
    // Another session is kept beside it.
    const std::string other = "11111111-2222-4333-8444-555555555555";
    REQUIRE(store.save(digestOf('9'), other, source));
    CHECK(store.size() == 2);
    store.forget(digestOf('2'));
    CHECK(store.size() == 1);
    CHECK_FALSE(store.find(prefixes));
    CHECK_FALSE(fs::exists(found->file));
    // A damaged copy does not pass.
    REQUIRE(store.save(digestOf('2'), kSession, source));
    found = store.find(prefixes);
    REQUIRE(found);
    std::ofstream(found->file, std::ios::trunc) << "{\"cut";
    CHECK_FALSE(store.intact(*found));
    // Not a session id, or a source that cannot be read: nothing kept.
    CHECK_FALSE(store.save(digestOf('5'), "../../etc", source));
    CHECK_FALSE(store.save(digestOf('5'), other, dir.path / "missing.jsonl"));
    CHECK(store.size() == 2);
}

TEST_CASE("SessionStore: a new store loads what an earlier one kept, within the limits") {
    TempDir dir;
    const auto source = dir.write("cli.jsonl", kTranscript);
    {
        SessionStore store(dir.path / "sessions", StoreLimits{});
        REQUIRE(store.save(digestOf('1'), kSession, source));
        REQUIRE(store.save(digestOf('2'), "11111111-2222-4333-8444-555555555555", source));
    }
    dir.write("sessions/unrelated.txt", "left alone");
    {
        SessionStore store(dir.path / "sessions", StoreLimits{});
        CHECK(store.size() == 2);
        CHECK(store.find({digestOf('h'), digestOf('1'), digestOf('x')}));
    }
    StoreLimits one;
    one.maxSessions = 1;
    SessionStore store(dir.path / "sessions", one);
    CHECK(store.size() == 1);
    CHECK(fs::exists(dir.path / "sessions/unrelated.txt"));
}
