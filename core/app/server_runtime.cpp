#include "app/server_runtime.hpp"

#include <iomanip>
#include <iostream>
#include <thread>

#include <sys/resource.h>

#include <cstdlib>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Util/Application.h>
#include <spdlog/spdlog.h>

#include "app/environment.hpp"
#include "app/plugin_directories.hpp"
#include "cli/cli_locator.hpp"
#include "cli/descendant_containment.hpp"
#include "cli/process_runner.hpp"
#include "cli/run_directory.hpp"
#include "http/request_router.hpp"
#include "http/server/http_frontend.hpp"
#include "service/run_outcome.hpp"

#ifndef CLAUDE_PROXY_VERSION
#define CLAUDE_PROXY_VERSION "0.0.0"
#endif

namespace claude_proxy::app {
namespace {

// How long the login probe's answer is trusted by /ready.
constexpr std::chrono::seconds kLoginProbeMaxAge{60};
// After the grace period and the end of every CLI run: how long request threads get to write
// their last bytes before their connections are closed under them.
constexpr std::chrono::seconds kThreadWait{10};
constexpr std::chrono::milliseconds kShutdownPoll{20};
constexpr int kListenBacklog = 512;
// Descriptors kept back from client connections: the CLI runs' pipes, plugins, logs.
constexpr std::size_t kReservedDescriptors = 64;
constexpr std::size_t kDescriptorsPerRun = 8;

// Raises the soft limit on open files to the hard limit and returns it.
std::size_t raiseDescriptorLimit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return 1024;
    }
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            limit = raised;
        }
    }
    return limit.rlim_cur == RLIM_INFINITY ? SIZE_MAX : static_cast<std::size_t>(limit.rlim_cur);
}

// The connection layer's settings; connections are capped below the descriptor limit.
http::server::FrontendSettings frontendSettingsOf(const Settings& settings) {
    http::server::FrontendSettings frontend;
    frontend.apiThreads = static_cast<std::size_t>(settings.serverThreads);
    frontend.maxConnectionsPerClient = settings.maxConnectionsPerClient;
    frontend.readTimeout = settings.requestReadTimeout;
    frontend.keepAliveTimeout = settings.keepAliveTimeout;
    const std::size_t reserved =
        kReservedDescriptors +
        kDescriptorsPerRun * std::max<std::size_t>(settings.maxConcurrency, 16);
    const std::size_t descriptors = raiseDescriptorLimit();
    const std::size_t room = descriptors > reserved * 2 ? descriptors - reserved : descriptors / 2;
    frontend.maxConnections = std::min(settings.maxConnections, room);
    if (settings.maxConcurrency > 0 &&
        frontend.apiThreads < settings.maxConcurrency + settings.maxQueue + 2) {
        spdlog::warn(
            "server-threads ({}) is below max-concurrency + max-queue + 2 ({}): requests "
            "waiting for a CLI slot can take every worker",
            frontend.apiThreads, settings.maxConcurrency + settings.maxQueue + 2);
    }
    if (frontend.maxConnections < settings.maxConnections) {
        spdlog::warn("max-connections lowered from {} to {}: the process may open only {} files",
                     settings.maxConnections, frontend.maxConnections, descriptors);
    }
    return frontend;
}

std::string displayAddress(const Poco::Net::SocketAddress& address) {
    const std::string host = address.host().toString();
    const bool v6 = address.family() == Poco::Net::AddressFamily::IPv6;
    return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(address.port());
}

service::ChatServiceConfig chatConfigOf(const Settings& settings,
                                        const std::optional<std::string>& cliPath,
                                        const std::map<std::string, std::string>& environment) {
    service::ChatServiceConfig config;
    config.claudeBin = settings.claudeBin;
    config.resolvedCliPath = cliPath.value_or("");
    config.patience = settings.cliPatience;
    config.systemPromptMode = settings.systemPromptMode;
    config.queueTimeout = settings.queueTimeout;
    config.requestTimeout = settings.requestTimeout;
    config.killGrace = settings.killGrace;
    config.keepAliveInterval = settings.keepAliveInterval;
    config.refusalRetries = settings.refusalRetries;
    config.showReasoning = settings.showReasoning;
    config.remoteMedia.enabled = settings.fetchRemoteImages;
    config.remoteMedia.allowHosts = settings.fetchRemoteImagesAllowHosts;
    config.remoteMedia.timeout = settings.fetchRemoteImagesTimeout;
    config.runParent = cli::defaultRunParent(settings.workDir);
    config.pool.maxLive = settings.liveConversations;
    config.pool.liveIdle = settings.liveIdleTimeout;
    config.pool.spares = settings.spareProcesses;
    config.pool.spareMaxAge = settings.spareMaxAge;
    config.pool.memoryBudget = settings.processMemoryBudgetMb * 1024 * 1024;
    config.pool.killGrace = settings.killGrace;
    config.parentEnvironment = environment;
    if (settings.resumeSessions) {
        config.stateDir = stateDirectory(settings.stateDir, environment);
    }
    config.store.maxSessions = settings.resumeMaxSessions;
    config.store.maxBytes = std::uint64_t{settings.resumeMaxMb} << 20;
    config.store.maxAge = settings.resumeMaxAge;
    return config;
}

// Polls `done` until it holds or `limit` passes; `onEachPoll` runs between polls.
template <typename Done, typename Each>
bool waitFor(std::chrono::milliseconds limit, Done done, Each onEachPoll) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        onEachPoll();
        std::this_thread::sleep_for(kShutdownPoll);
    }
    return true;
}

}  // namespace

ServerRuntime::ServerRuntime(const Configuration& configuration,
                             const std::map<std::string, std::string>& environment)
    : configuration_(configuration),
      environment_(environment),
      catalog_(configuration.settings.defaultModel, configuration.settings.modelAliases,
               configuration.settings.extraModels),
      limiter_(configuration.settings.maxConcurrency, configuration.settings.maxQueue),
      access_{http::ApiKeySet(configuration.apiKeys),
              http::CorsPolicy(configuration.settings.corsOrigins),
              configuration.settings.allowedHosts} {
    const Settings& settings = configuration_.settings;
    containment_ = cli::enableDescendantContainment();
    const auto path = environment_.find("PATH");
    cliPath_ =
        cli::locateExecutable(settings.claudeBin, path == environment_.end() ? "" : path->second);
    if (cliPath_) {
        cliVersion_ = cli::probeVersion(*cliPath_, environment_).value_or("");
    }
    const auto pluginDirs =
        settings.pluginDirs.empty() ? defaultPluginDirectories() : settings.pluginDirs;
    pluginResults_ = handlers_.loadDirectories(pluginDirs, pluginLog());
    for (const auto& result : pluginResults_) {
        metrics_.pluginLoad(result.loaded, result.name, result.version);
    }
    chat_ = std::make_unique<service::ChatService>(
        chatConfigOf(settings, cliPath_, environment_), limiter_,
        [this](const char* event, const char* what) { metrics_.poolEvent(event, what); });
    login_ = std::make_unique<service::LoginStatus>([this] { return chat_->probeLogin(); },
                                                    kLoginProbeMaxAge);
    service::ResponseStore::Limits storeLimits;
    storeLimits.maxResponses = settings.storedResponses;
    storeLimits.maxBytes = std::uint64_t{settings.storedResponsesMb} << 20;
    storeLimits.maxAge = settings.storedResponseMaxAge;
    responses_ = std::make_unique<service::ResponseStore>(storeLimits);
    context_ = std::make_unique<http::ServerContext>(http::ServerContext{
        catalog_, *chat_, limiter_, handlers_, settings.defaultToolCallModule, cliVersion_,
        settings.maxBodyBytes, settings.logPrompts, service::unixNow(), access_, metrics_,
        lifecycle_, *login_, droppedLogLines, *responses_});
}

ServerRuntime::~ServerRuntime() = default;

void ServerRuntime::logStartup() const {
    const Settings& settings = configuration_.settings;
    if (!configuration_.configFile.empty()) {
        spdlog::info("configuration file: {}", configuration_.configFile);
    }
    if (!configuration_.apiKeys.empty()) {
        spdlog::info("API keys: {} configured; every route but /health and /ready needs one",
                     configuration_.apiKeys.size());
    }
    spdlog::info("{}", containment_);
    if (cliPath_) {
        spdlog::info("claude CLI: {} ({})", *cliPath_,
                     cliVersion_.empty() ? "version unknown" : cliVersion_);
    } else {
        spdlog::warn("claude CLI '{}' not found; chat requests answer 503 until it is installed",
                     settings.claudeBin);
    }
    for (const auto& result : pluginResults_) {
        if (result.loaded) {
            spdlog::info("tool-call module '{}' {} loaded from {}", result.name, result.version,
                         result.path);
        } else {
            spdlog::error("{}", result.message);
        }
    }
    if (!handlers_.find(settings.defaultToolCallModule)) {
        spdlog::warn("default tool-call module '{}' is not loaded; requests with tools answer 503",
                     settings.defaultToolCallModule);
    }
}

int ServerRuntime::serve(const std::function<void()>& waitForTermination) {
    const Settings& settings = configuration_.settings;
    logStartup();
    std::unique_ptr<Poco::Net::ServerSocket> socket;
    try {
        socket = std::make_unique<Poco::Net::ServerSocket>(
            Poco::Net::SocketAddress(settings.host, static_cast<Poco::UInt16>(settings.port)),
            kListenBacklog);
    } catch (const Poco::Exception& error) {
        std::cerr << "claude-proxy: cannot listen on " << settings.host << ":" << settings.port
                  << ": " << error.displayText() << "\n";
        return Poco::Util::Application::EXIT_UNAVAILABLE;
    }

    http::server::HttpFrontend server(
        *socket, Poco::Net::HTTPRequestHandlerFactory::Ptr(new http::RequestRouter(*context_)),
        frontendSettingsOf(settings));
    server.start();
    spdlog::info("claude-proxy {} listening on {}", CLAUDE_PROXY_VERSION,
                 displayAddress(socket->address()));

    waitForTermination();

    // 1. Stop accepting; /ready says draining; no new CLI run starts, and requests still
    //    waiting for a slot are refused at once rather than waited for.
    server.stopAccepting();
    lifecycle_.startDraining();
    chat_->refuseNewRuns();
    chat_->endKeptProcesses();  // idle: nothing to wait for
    spdlog::info("shutting down: {} request(s) in flight, up to {} ms to finish",
                 lifecycle_.activeRequests(), settings.shutdownGrace.count());
    // 2. Let the requests in flight finish within the grace period.
    const bool drained = waitFor(
        settings.shutdownGrace, [&] { return lifecycle_.activeRequests() == 0; }, [] {});
    // 3. End what is left (their clients get an in-band error or a 503), close connections.
    if (!drained) {
        spdlog::warn("grace period over: ending {} CLI run(s)", cli::runningProcessCount());
    }
    cli::terminateAllProcessGroups();
    waitFor(
        kThreadWait, [&] { return lifecycle_.activeRequests() == 0; },
        [] { cli::terminateAllProcessGroups(); });
    server.abortConnections();
    if (!server.stopWorkers(kThreadWait)) {
        // A request thread is stuck (in a plugin hook, say): unloading the plugins under it
        // would crash it. Leave without running any destructor.
        spdlog::error(
            "{} request thread(s) still busy after shutdown; exiting without "
            "unloading the plugins",
            server.busyWorkers());
        spdlog::shutdown();
        std::_Exit(Poco::Util::Application::EXIT_OK);
    }
    spdlog::info("stopped{}", drained ? "" : " (runs were ended after the grace period)");
    return Poco::Util::Application::EXIT_OK;
}

bool ServerRuntime::check(std::ostream& out) {
    const Settings& settings = configuration_.settings;
    bool healthy = true;
    out << "claude-proxy " << CLAUDE_PROXY_VERSION << "\n\n";
    out << "claude CLI\n";
    if (cliPath_) {
        out << "  path:      " << *cliPath_ << "\n";
        out << "  version:   " << (cliVersion_.empty() ? "(unknown)" : cliVersion_) << "\n";
        const auto loggedIn = login_->loggedIn();
        out << "  logged in: " << (!loggedIn ? "unknown" : (*loggedIn ? "yes" : "NO")) << "\n";
        if (!loggedIn || !*loggedIn) {
            out << "  -> run `claude` once as this user and log in\n";
            healthy = false;
        }
    } else {
        out << "  NOT FOUND: '" << settings.claudeBin << "' (set --claude-bin)\n";
        healthy = false;
    }
    out << "\ntool-call plugins\n";
    for (const auto& result : pluginResults_) {
        out << "  "
            << (result.loaded ? result.name + " " + result.version + "  " + result.path
                              : "REFUSED " + result.message)
            << "\n";
    }
    if (pluginResults_.empty()) {
        out << "  (none found)\n";
    }
    const bool defaultLoaded = handlers_.find(settings.defaultToolCallModule) != nullptr;
    out << "  default: " << settings.defaultToolCallModule
        << (defaultLoaded ? "" : " (NOT LOADED: requests with tools would fail)") << "\n";
    healthy = healthy && defaultLoaded;

    out << "\neffective configuration"
        << (configuration_.configFile.empty() ? "" : " (file " + configuration_.configFile + ")")
        << "\n";
    for (const auto& entry : configuration_.effective) {
        out << "  " << std::left << std::setw(28) << entry.key << " = " << entry.value << "  ["
            << entry.source << "]\n";
    }
    out << "\n" << (healthy ? "healthy" : "NOT healthy") << "\n";
    return healthy;
}

}  // namespace claude_proxy::app
