#include "bare_cli_runner.hpp"

#include <exception>
#include <utility>

#include "cli/run_directory.hpp"
#include "cli/stream_input.hpp"
#include "openai/transcript.hpp"
#include "support/child_process.hpp"
#include "support/json_helpers.hpp"

namespace claude_proxy::bench {
namespace {

using Clock = std::chrono::steady_clock;
namespace test_support = ::claude_proxy::test_support;

double millisSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::vector<openai::ChatMessage> messagesOf(const ChatPrompt& prompt) {
    std::vector<openai::ChatMessage> messages(2);
    messages[0].role = openai::Role::System;
    messages[0].content = prompt.system;
    messages[1].role = openai::Role::User;
    messages[1].content = prompt.user;
    return messages;
}

std::string exitProblem(const std::optional<test_support::ExitStatus>& status,
                        const test_support::ChildProcess& child) {
    if (!status) {
        return "the CLI did not finish in time";
    }
    if (!status->exitedWith(0)) {
        std::string tail = child.stderrText();
        if (tail.size() > 300) {
            tail = tail.substr(tail.size() - 300);
        }
        return "the CLI ended with " + status->describe() + ": " + tail;
    }
    return "";
}

// The stream-json lines: the text deltas joined, the first one non-empty, a successful result.
std::string streamProblem(const std::string& stdoutText, const std::string& expected) {
    std::string text;
    bool firstDeltaEmpty = false;
    bool sawDelta = false;
    bool success = false;
    for (const auto& line : test_support::parseJsonLines(stdoutText)) {
        const auto* type = test_support::find(line, "/type");
        if (type == nullptr || !type->IsString()) {
            continue;
        }
        const std::string_view kind = type->GetString();
        if (kind == "result") {
            success = !test_support::boolAt(line, "/is_error");
        }
        const auto* deltaType = test_support::find(line, "/event/delta/type");
        if (kind != "stream_event" || deltaType == nullptr || !deltaType->IsString() ||
            std::string_view(deltaType->GetString()) != "text_delta") {
            continue;
        }
        const std::string piece = test_support::stringAt(line, "/event/delta/text");
        if (!sawDelta) {
            firstDeltaEmpty = piece.empty();
            sawDelta = true;
        }
        text += piece;
    }
    if (!success) {
        return "no successful result line";
    }
    if (!sawDelta || firstDeltaEmpty) {
        return "the first text_delta was missing or empty";
    }
    return text == expected ? "" : "unexpected streamed text '" + text + "'";
}

}  // namespace

BareCliRunner::BareCliRunner(std::string cliPath, const std::vector<std::string>& parentEnvironment,
                             cli::CliPatience patience, std::string model)
    : cliPath_(std::move(cliPath)), patience_(patience), model_(std::move(model)) {
    for (const auto& entry : parentEnvironment) {
        const auto equals = entry.find('=');
        if (equals != std::string::npos) {
            parentEnvironment_[entry.substr(0, equals)] = entry.substr(equals + 1);
        }
    }
    // The proxy runs with --work-dir unset: its run directories go to its $TMPDIR, else /tmp.
    const auto tmp = parentEnvironment_.find("TMPDIR");
    runParent_ = tmp != parentEnvironment_.end() && !tmp->second.empty() ? tmp->second : "/tmp";
}

cli::CliPatience BareCliRunner::patience() const {
    auto patience = patience_;
    // As the proxy's ChatService::prepare: no silent non-streamed retry of a broken stream.
    patience.disableNonStreamingFallback = true;
    return patience;
}

std::vector<std::string> BareCliRunner::argv() const {
    // As the proxy's ChatService::newSession: model and system prompt come as control requests.
    cli::InvocationOptions invocation;
    invocation.cliPath = cliPath_;
    return cli::buildArgv(invocation);
}

std::vector<std::string> BareCliRunner::environment(const std::string& tmpDir) const {
    return cli::buildEnvironment(parentEnvironment_, patience(), tmpDir);
}

test_support::ChildSpec BareCliRunner::childSpec(const std::vector<openai::ChatMessage>& messages,
                                                 const cli::RunDirectory& directory) const {
    const auto transcript = openai::buildTranscript(messages);
    test_support::ChildSpec spec;
    spec.argv = argv();
    spec.environment = environment(directory.tmpPath());
    spec.workingDirectory = directory.workPath();
    // What the proxy writes a new process: its set-up, then the whole conversation as one turn;
    // then stdin closes and the CLI exits after its answer.
    spec.stdinData = cli::initializeLine("proxy-initialize", transcript.systemPrompt, false) +
                     cli::setModelLine("proxy-set-model", model_) +
                     cli::userTurnLine(transcript.prompt);
    return spec;
}

RunMeasurement BareCliRunner::runJson(const ChatPrompt& prompt,
                                      std::chrono::milliseconds timeout) const {
    RunMeasurement measurement;
    try {
        const auto start = Clock::now();
        const cli::RunDirectory directory(runParent_);
        test_support::ChildProcess child(childSpec(messagesOf(prompt), directory));
        const auto status = child.waitForExit(timeout);
        measurement.totalMs = millisSince(start);
        measurement.error = exitProblem(status, child);
        if (measurement.error.empty()) {
            measurement.error = streamProblem(child.stdoutText(), prompt.expectedReply);
        }
    } catch (const std::exception& error) {
        measurement.error = error.what();
    }
    measurement.ok = measurement.error.empty();
    return measurement;
}

RunMeasurement BareCliRunner::runStream(const ChatPrompt& prompt,
                                        std::chrono::milliseconds timeout) const {
    return runConversation(messagesOf(prompt), prompt.expectedReply, timeout);
}

RunMeasurement BareCliRunner::runConversation(const std::vector<openai::ChatMessage>& messages,
                                              const std::string& expectedReply,
                                              std::chrono::milliseconds timeout) const {
    RunMeasurement measurement;
    try {
        const auto start = Clock::now();
        const cli::RunDirectory directory(runParent_);
        test_support::ChildProcess child(childSpec(messages, directory));
        // Returns at the first text_delta line, or early when the output closes without one
        // (then streamProblem below says so).
        child.waitForOutput(R"("type":"text_delta")", timeout);
        measurement.firstContentMs = millisSince(start);
        const auto status = child.waitForExit(timeout);
        measurement.totalMs = millisSince(start);
        measurement.error = exitProblem(status, child);
        if (measurement.error.empty()) {
            measurement.error = streamProblem(child.stdoutText(), expectedReply);
        }
    } catch (const std::exception& error) {
        measurement.error = error.what();
    }
    measurement.ok = measurement.error.empty();
    return measurement;
}

}  // namespace claude_proxy::bench
