#include "app/proxy_application.hpp"

#include <csignal>
#include <iostream>
#include <thread>

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <spdlog/spdlog.h>

#include "app/config_location.hpp"
#include "app/configuration.hpp"
#include "app/environment.hpp"
#include "app/exposure.hpp"
#include "app/plugin_directories.hpp"
#include "app/settings.hpp"
#include "cli/cli_locator.hpp"
#include "cli/concurrency_limiter.hpp"
#include "cli/process_runner.hpp"
#include "http/access_control.hpp"
#include "http/request_router.hpp"
#include "http/server_context.hpp"
#include "openai/model_catalog.hpp"
#include "service/chat_service.hpp"
#include "service/run_directory.hpp"
#include "toolcall/handler_registry.hpp"

#ifndef CLAUDE_PROXY_VERSION
#define CLAUDE_PROXY_VERSION "0.0.0"
#endif

namespace claude_proxy::app {
namespace {

// How long shutdown waits for request threads once every CLI run has been ended.
constexpr std::chrono::seconds kShutdownWait{15};

long long unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// False (after saying why on stderr) when the host is reachable from other machines and no API
// key protects it; a loud warning when that was allowed explicitly.
bool mayListen(const Configuration& configuration) {
    const Settings& settings = configuration.settings;
    switch (assessExposure(settings.host, !configuration.apiKeys.empty(),
                           settings.allowUnauthenticated)) {
        case Exposure::Refused:
            std::cerr << "claude-proxy: refusing to listen on " << settings.host
                      << " without API keys: anyone who can reach it could use your Claude "
                         "account; set api-keys or api-key-file, listen on 127.0.0.1, or pass "
                         "--allow-unauthenticated\n";
            return false;
        case Exposure::Unprotected:
            std::cerr << "claude-proxy: WARNING: listening on " << settings.host
                      << " WITHOUT API KEYS (--allow-unauthenticated): anyone who can reach this "
                         "address can use your Claude account\n";
            return true;
        case Exposure::Local:
        case Exposure::Protected:
            return true;
    }
    return false;
}

std::string displayAddress(const Poco::Net::SocketAddress& address) {
    const std::string host = address.host().toString();
    const bool v6 = address.family() == Poco::Net::AddressFamily::IPv6;
    return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(address.port());
}

}  // namespace

void ProxyApplication::defineOptions(Poco::Util::OptionSet& options) {
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "print this help and exit")
                          .required(false)
                          .repeatable(false));
    options.addOption(Poco::Util::Option("version", "v", "print the version and exit")
                          .required(false)
                          .repeatable(false));
    options.addOption(Poco::Util::Option(kConfigFlag, "", "configuration file to read")
                          .required(false)
                          .repeatable(false)
                          .argument("file"));
    for (const auto& info : optionTable()) {
        options.addOption(Poco::Util::Option(info.key, "", info.description)
                              .required(false)
                              .repeatable(false)
                              .argument("value", !info.isSwitch));
    }
}

void ProxyApplication::handleOption(const std::string& name, const std::string& value) {
    ServerApplication::handleOption(name, value);
    if (name == "help") {
        helpRequested_ = true;
        stopOptionsProcessing();
    } else if (name == "version") {
        versionRequested_ = true;
        stopOptionsProcessing();
    } else {
        const OptionInfo* info = findOption(name);
        // A switch given without a value ("--allow-unauthenticated") means true.
        flags_[name] = value.empty() && info != nullptr && info->isSwitch ? "true" : value;
    }
}

void ProxyApplication::printHelp() const {
    std::cout << "claude-proxy " << CLAUDE_PROXY_VERSION
              << ": an OpenAI-compatible API in front of the claude CLI\n\n"
              << "usage: claude-proxy [--option=value ...]\n\n"
              << "  --help, -h          print this help and exit\n"
              << "  --version, -v       print the version and exit\n"
              << "  --" << kConfigFlag << "=FILE\n      configuration file (key = value lines)"
              << "\n      environment: " << kConfigEnvVar << "   default: the first that exists of "
              << joined(defaultConfigPaths(runningExecutablePath())) << "\n";
    for (const auto& info : optionTable()) {
        std::cout << "  --" << info.key << (info.isSwitch ? "[=true|false]" : "=VALUE")
                  << "\n      " << info.description << "\n      environment: " << info.envVar
                  << "   default: " << (info.defaultValue.empty() ? "(none)" : info.defaultValue)
                  << "\n";
    }
    std::cout << "\nIn the configuration file each option is a line 'key = value', the key being "
                 "the flag's name\n(e.g. 'max-concurrency = 4'). Flags override environment "
                 "variables, which override\nthe configuration file, which overrides the "
                 "defaults.\n";
}

int ProxyApplication::main(const std::vector<std::string>& args) {
    if (helpRequested_) {
        printHelp();
        return EXIT_OK;
    }
    if (versionRequested_) {
        std::cout << "claude-proxy " << CLAUDE_PROXY_VERSION << "\n";
        return EXIT_OK;
    }
    if (!args.empty()) {
        std::cerr << "claude-proxy: unexpected argument '" << args.front()
                  << "' (options take the form --name=value; see --help)\n";
        return EXIT_USAGE;
    }

    const auto environment = processEnvironment();
    Configuration configuration;
    try {
        configuration = resolveConfiguration(environment, flags_);
    } catch (const SettingsError& error) {
        std::cerr << "claude-proxy: " << error.what() << "\n";
        return EXIT_USAGE;
    }
    const Settings& settings = configuration.settings;
    if (!mayListen(configuration)) {
        return EXIT_USAGE;
    }
    configureLogging(settings.logLevel, settings.logFormat);
    if (!configuration.configFile.empty()) {
        spdlog::info("configuration file: {}", configuration.configFile);
    }
    if (!configuration.apiKeys.empty()) {
        spdlog::info("API keys: {} configured; every route but /health needs one",
                     configuration.apiKeys.size());
    }
    const http::AccessControl access{http::ApiKeySet(configuration.apiKeys),
                                     http::CorsPolicy(settings.corsOrigins)};

    const auto pathVariable = environment.count("PATH") ? environment.at("PATH") : "";
    const auto cliPath = cli::locateExecutable(settings.claudeBin, pathVariable);
    std::string cliVersion;
    if (cliPath) {
        cliVersion = cli::probeVersion(*cliPath, environment).value_or("");
        spdlog::info("claude CLI: {} ({})", *cliPath,
                     cliVersion.empty() ? "version unknown" : cliVersion);
    } else {
        spdlog::warn("claude CLI '{}' not found; chat requests answer 503 until it is installed",
                     settings.claudeBin);
    }

    std::unique_ptr<openai::ModelCatalog> catalogHolder;
    try {
        catalogHolder = std::make_unique<openai::ModelCatalog>(
            settings.defaultModel, settings.modelAliases, settings.extraModels);
    } catch (const std::invalid_argument& error) {
        std::cerr << "claude-proxy: " << error.what() << "\n";
        return EXIT_USAGE;
    }
    const openai::ModelCatalog& catalog = *catalogHolder;
    toolcall::HandlerRegistry handlers;
    const auto pluginDirs =
        settings.pluginDirs.empty() ? defaultPluginDirectories() : settings.pluginDirs;
    for (const auto& result : handlers.loadDirectories(pluginDirs, pluginLog())) {
        if (result.loaded) {
            spdlog::info("tool-call module '{}' {} loaded from {}", result.name, result.version,
                         result.path);
        } else {
            spdlog::error("{}", result.message);
        }
    }
    if (!handlers.find(settings.defaultToolCallModule)) {
        spdlog::warn(
            "default tool-call module '{}' is not loaded (searched: {}); requests with "
            "tools answer 503",
            settings.defaultToolCallModule, joined(pluginDirs));
    }

    cli::ConcurrencyLimiter limiter(settings.maxConcurrency);
    service::ChatServiceConfig chatConfig;
    chatConfig.claudeBin = settings.claudeBin;
    chatConfig.resolvedCliPath = cliPath.value_or("");
    chatConfig.patience = settings.cliPatience;
    chatConfig.systemPromptMode = settings.systemPromptMode;
    chatConfig.queueTimeout = settings.queueTimeout;
    chatConfig.requestTimeout = settings.requestTimeout;
    chatConfig.killGrace = settings.killGrace;
    chatConfig.keepAliveInterval = settings.keepAliveInterval;
    chatConfig.refusalRetries = settings.refusalRetries;
    chatConfig.runParent = service::defaultRunParent(settings.workDir);
    chatConfig.parentEnvironment = environment;
    const service::ChatService chat(std::move(chatConfig), limiter);

    const http::ServerContext context{catalog,
                                      chat,
                                      limiter,
                                      handlers,
                                      settings.defaultToolCallModule,
                                      cliVersion,
                                      settings.maxBodyBytes,
                                      settings.logPrompts,
                                      unixNow(),
                                      access};

    std::unique_ptr<Poco::Net::ServerSocket> socket;
    try {
        socket = std::make_unique<Poco::Net::ServerSocket>(
            Poco::Net::SocketAddress(settings.host, static_cast<Poco::UInt16>(settings.port)), 128);
    } catch (const Poco::Exception& error) {
        std::cerr << "claude-proxy: cannot listen on " << settings.host << ":" << settings.port
                  << ": " << error.displayText() << "\n";
        return EXIT_UNAVAILABLE;
    }

    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(settings.serverThreads);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(60, 0));
    Poco::Net::HTTPServer server(new http::RequestRouter(context), *socket, params);
    server.start();
    spdlog::info("claude-proxy {} listening on {}", CLAUDE_PROXY_VERSION,
                 displayAddress(socket->address()));

    waitForTerminationRequest();

    spdlog::info("shutting down: ending {} CLI run(s)", cli::runningProcessCount());
    server.stop();
    chat.refuseNewRuns();
    cli::terminateAllProcessGroups();
    server.stopAll(true);
    // Request threads use `context` and friends: wait for them before those go out of scope.
    // Runs that slipped in between the refusal and the terminate call are ended again.
    const auto deadline = std::chrono::steady_clock::now() + kShutdownWait;
    while (server.currentThreads() > 0 && std::chrono::steady_clock::now() < deadline) {
        cli::terminateAllProcessGroups();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    spdlog::info("stopped");
    return EXIT_OK;
}

}  // namespace claude_proxy::app
