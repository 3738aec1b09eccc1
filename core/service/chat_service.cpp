#include "service/chat_service.hpp"

#include <poll.h>

#include <functional>

#include <spdlog/spdlog.h>
#include <memory>

#include "cli/cli_failure.hpp"
#include "cli/cli_locator.hpp"
#include "cli/cli_result.hpp"
#include "cli/process_runner.hpp"
#include "cli/run_directory.hpp"
#include "cli/stream_input.hpp"
#include "openai/random_id.hpp"
#include "service/login_status.hpp"
#include "service/run_outcome.hpp"
#include "service/session_turn.hpp"

namespace claude_proxy::service {
namespace {

constexpr int kQueueFullRetryAfterSeconds = 1;
// Longer project folder names are shortened by the CLI with a hash we do not reproduce.
constexpr std::size_t kMaxProjectFolder = 200;

// True once the client at `fd` has closed its side (or the connection broke): the same test
// the process runner applies while the CLI runs.
bool peerHungUp(int fd) {
    pollfd watched{fd, POLLRDHUP, 0};
    return ::poll(&watched, 1, 0) > 0 &&
           (watched.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

}  // namespace

ChatService::ChatService(ChatServiceConfig config, cli::ConcurrencyLimiter& limiter,
                         conversation::PoolEventFn poolEvents)
    : config_(std::move(config)), limiter_(limiter) {
    openStore();
    pool_ = std::make_unique<conversation::SessionPool>(
        config_.pool, [this] { return newSpare(); }, std::move(poolEvents));
}

ChatService::~ChatService() {
    pool_->shutdown();
}

void ChatService::openStore() {
    if (config_.stateDir.empty()) {
        return;
    }
    // Transcripts go where the CLI puts them for its HOME (or CLAUDE_CONFIG_DIR), in the folder
    // of the working directory all persisted processes share: one that is the proxy's alone,
    // so that a resumed process sees the same environment as the one that wrote the transcript.
    const auto& env = config_.parentEnvironment;
    const auto configDir = env.find("CLAUDE_CONFIG_DIR");
    const auto home = env.find("HOME");
    std::filesystem::path cliHome;
    if (configDir != env.end() && !configDir->second.empty()) {
        cliHome = configDir->second;
    } else if (home != env.end() && !home->second.empty()) {
        cliHome = std::filesystem::path(home->second) / ".claude";
    } else {
        spdlog::warn("resuming conversations from disk is off: HOME is not set");
        return;
    }
    try {
        const std::filesystem::path state(config_.stateDir);
        store_ = std::make_unique<conversation::SessionStore>(state / "sessions", config_.store);
        sessionCwd_ = state / "cwd";
        std::filesystem::create_directories(sessionCwd_);
        std::filesystem::permissions(state, std::filesystem::perms::owner_all);
        const std::string folder = conversation::projectFolderName(sessionCwd_.string());
        if (folder.size() > kMaxProjectFolder) {
            throw std::runtime_error("the state directory's path is too long");
        }
        projectsDir_ = cliHome / "projects" / folder;
        // Transcripts left by processes of an earlier run that did not end cleanly.
        std::error_code error;
        std::filesystem::remove_all(projectsDir_, error);
    } catch (const std::exception& error) {
        spdlog::warn("resuming conversations from disk is off: {}", error.what());
        store_.reset();
    }
}

conversation::PoolSnapshot ChatService::poolSnapshot() const {
    auto snapshot = pool_->snapshot();
    if (store_) {
        snapshot.storedSessions = store_->size();
        snapshot.storedBytes = store_->bytes();
    }
    return snapshot;
}

void ChatService::refuseNewRuns() const {
    refusing_.store(true);
    limiter_.close();
}

void ChatService::endKeptProcesses() const {
    pool_->shutdown();
}

std::optional<std::string> ChatService::cliPath() const {
    if (!config_.resolvedCliPath.empty()) {
        return config_.resolvedCliPath;
    }
    const auto path = config_.parentEnvironment.find("PATH");
    return cli::locateExecutable(config_.claudeBin,
                                 path == config_.parentEnvironment.end() ? "" : path->second);
}

std::optional<bool> ChatService::probeLogin() const {
    const auto cli = cliPath();
    if (!cli) {
        return std::nullopt;
    }
    const cli::RunDirectory directory(config_.runParent);
    cli::ProcessSpec spec;
    spec.argv = {*cli, "auth", "status"};
    spec.environment =
        cli::buildEnvironment(config_.parentEnvironment, config_.patience, directory.tmpPath());
    spec.workingDirectory = directory.workPath();
    cli::ProcessLimits limits;
    limits.totalTimeout = std::chrono::seconds(10);
    limits.killGrace = config_.killGrace;
    const auto outcome = cli::runProcess(spec, limits);
    if (outcome.ending != cli::ProcessOutcome::Ending::Exited) {
        return std::nullopt;
    }
    return parseAuthStatus(outcome.stdoutData);
}

std::unique_ptr<conversation::CliSession> ChatService::newSpare() const {
    auto spare = newSession(false);
    if (!spare) {
        return nullptr;
    }
    cli::ProcessLimits limits;
    limits.totalTimeout = std::chrono::milliseconds(60000);
    limits.killGrace = config_.killGrace;
    if (!warmUpSession(*spare, limits)) {
        throw std::runtime_error("the CLI did not answer on stdin after it started");
    }
    spare->residentBytes = spare->process->residentBytes();
    return spare;
}

cli::ConcurrencyLimiter::Slot ChatService::acquireSlot(int clientFd) const {
    cli::ConcurrencyLimiter::Refusal refusal = cli::ConcurrencyLimiter::Refusal::None;
    // A request whose client has gone gives its place in the queue back at once.
    std::function<bool()> abandoned;
    if (clientFd >= 0) {
        abandoned = [clientFd] { return peerHungUp(clientFd); };
    }
    auto slot = limiter_.acquire(config_.queueTimeout, &refusal, abandoned);
    if (refusing_.load() || refusal == cli::ConcurrencyLimiter::Refusal::Closed) {
        throw openai::ApiError(503, "server_error", "server_shutting_down",
                               "The proxy is shutting down and takes no new requests.");
    }
    if (refusal == cli::ConcurrencyLimiter::Refusal::Abandoned) {
        throw ClientGone();
    }
    if (!slot) {
        const std::string capacity = std::to_string(limiter_.capacity());
        throw openai::ApiError(
            429, "rate_limit_error", "concurrency_limit_reached",
            refusal == cli::ConcurrencyLimiter::Refusal::QueueFull
                ? "All " + capacity + " CLI slots are busy and " +
                      std::to_string(limiter_.queueCapacity()) +
                      " requests are already waiting for one; retry shortly."
                : "All " + capacity +
                      " CLI slots stayed busy while this request waited; retry shortly.")
            .withRetryAfter(kQueueFullRetryAfterSeconds);
    }
    return std::move(*slot);
}

std::unique_ptr<conversation::CliSession> ChatService::newSession(
    bool throwIfMissing, const conversation::SessionStore::Found* resume) const {
    if (refusing_.load()) {
        if (throwIfMissing) {
            throw openai::ApiError(503, "server_error", "server_shutting_down",
                                   "The proxy is shutting down and takes no new requests.");
        }
        return nullptr;
    }
    const auto cli = cliPath();
    const auto unavailable = [&](int error, const std::string& path) {
        cli::RunEnding ending;
        ending.kind = cli::RunEnding::Kind::SpawnFailed;
        ending.spawnErrno = error;
        return cli::mapFailure(std::nullopt, ending, path, "", unixNow());
    };
    if (!cli) {
        if (!throwIfMissing) {
            return nullptr;
        }
        throw unavailable(ENOENT, config_.claudeBin);
    }
    auto session = std::make_unique<conversation::CliSession>();
    session->directory = std::make_unique<cli::RunDirectory>(config_.runParent);

    // No model and no system prompt yet: they are sent as control requests when the process
    // is given to a conversation, so any process can serve any request.
    cli::InvocationOptions invocation;
    invocation.cliPath = *cli;
    auto patience = config_.patience;
    // A streamed answer cannot be taken back: the CLI must not silently retry a broken stream
    // as a second, non-streamed answer (../shared/claude-cli.md §2). The error goes in-band.
    patience.disableNonStreamingFallback = true;
    cli::ProcessSpec spec;
    spec.environment =
        cli::buildEnvironment(config_.parentEnvironment, patience, session->directory->tmpPath());
    spec.workingDirectory = session->directory->workPath();
    if (store_) {
        persistSession(*session, invocation, spec, resume);
    }
    spec.argv = cli::buildArgv(invocation);
    int spawnErrno = 0;
    session->process = cli::LiveProcess::start(spec, spawnErrno);
    if (!session->process) {
        throw unavailable(spawnErrno, *cli);
    }
    return session;
}

void ChatService::persistSession(conversation::CliSession& session,
                                 cli::InvocationOptions& invocation, cli::ProcessSpec& spec,
                                 const conversation::SessionStore::Found* resume) const {
    auto transcript = std::make_unique<conversation::TranscriptFile>();
    transcript->sessionId = conversation::newSessionId();
    transcript->path = projectsDir_ / (transcript->sessionId + ".jsonl");
    invocation.sessionId = transcript->sessionId;
    spec.workingDirectory = sessionCwd_.string();
    if (resume != nullptr) {
        // The CLI looks for the session in the folder of its working directory. Should the
        // copy fail, it reports "No conversation found" and the request falls back.
        std::error_code error;
        std::filesystem::create_directories(projectsDir_, error);
        transcript->source = projectsDir_ / (resume->sessionId + ".jsonl");
        std::filesystem::copy_file(resume->file, transcript->source,
                                   std::filesystem::copy_options::overwrite_existing, error);
        if (error) {
            spdlog::warn("could not put back the transcript of session {}: {}", resume->sessionId,
                         error.message());
        }
        invocation.resumeId = resume->sessionId;
    }
    session.transcript = std::move(transcript);
}

std::string makeCompletionId() {
    return openai::randomId("chatcmpl-");
}

}  // namespace claude_proxy::service
