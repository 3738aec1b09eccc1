#pragma once
// Shared by the tests that feed recordings of the pinned CLI through the translator: reading a
// recording and taking the SSE it produced apart.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace recording_support {

inline std::string readRecording(const std::string& name) {
    std::ifstream file(std::string(CLAUDE_PROXY_RECORDINGS_DIR) + "/" + name + ".jsonl",
                       std::ios::binary);
    REQUIRE_MESSAGE(file.good(), "missing recording " << name);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

struct Frame {
    bool comment = false;
    bool done = false;
    std::string json;
};

// Splits SSE text into frames (each ends with a blank line).
inline std::vector<Frame> framesOf(const std::string& sse) {
    std::vector<Frame> frames;
    std::size_t start = 0;
    while (start < sse.size()) {
        const auto end = sse.find("\n\n", start);
        REQUIRE(end != std::string::npos);
        const std::string block = sse.substr(start, end - start);
        Frame frame;
        if (block.rfind(":", 0) == 0) {
            frame.comment = true;
        } else {
            REQUIRE(block.rfind("data: ", 0) == 0);
            frame.json = block.substr(6);
            frame.done = frame.json == "[DONE]";
        }
        frames.push_back(frame);
        start = end + 2;
    }
    return frames;
}

inline rapidjson::Document parse(const std::string& json) {
    rapidjson::Document document;
    document.Parse(json.c_str());
    REQUIRE_FALSE(document.HasParseError());
    return document;
}

// One string field of every chunk's delta ("content", "reasoning_content"), concatenated.
inline std::string deltaTextOf(const std::vector<Frame>& frames, const char* field) {
    std::string text;
    for (const auto& frame : frames) {
        if (frame.comment || frame.done) {
            continue;
        }
        const auto chunk = parse(frame.json);
        if (!chunk.HasMember("choices") || chunk["choices"].Empty()) {
            continue;
        }
        const auto& delta = chunk["choices"][0]["delta"];
        if (delta.HasMember(field) && delta[field].IsString()) {
            text += delta[field].GetString();
        }
    }
    return text;
}

inline std::string contentOf(const std::vector<Frame>& frames) {
    return deltaTextOf(frames, "content");
}

}  // namespace recording_support
